package io.emojify.server;

import io.emojify.AnnotatedFace;
import io.emojify.Emojify;
import io.emojify.face.BoundingBox;
import io.emojify.image.ImageDecoder;
import io.emojify.live.LiveListener;
import io.emojify.live.LiveOptions;
import io.emojify.live.LiveResult;
import io.emojify.live.LiveSession;
import io.emojify.render.EmojiRenderer;
import io.emojify.render.RenderMode;
import io.emojify.track.TrackedFace;
import io.javalin.websocket.WsBinaryMessageContext;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live WebSocket {@code /v1/live}: each binary message is a frame (JPEG or PNG), numbered from 1 in the order it
 * arrived; each is answered with one text message that carries its number, {@code {"frame", "width", "height", "ms",
 * "faces": [face with "track", "missed" and "velocity"]}} or {@code {"frame", "error"}} (with {@code "busy"} or
 * {@code "dropped"}).
 *
 * <p>Each connection owns a {@link LiveSession}, closed with the connection: the session analyses the newest frame on its
 * worker whenever the worker is free (one frame waits; a newer one replaces it, and the replaced one is answered
 * {@code "dropped"}) and tracks the faces, so the answers carry its smoothed boxes with their track ids and velocities. A
 * client keeps two frames in flight so that the session never idles while an answer travels. Frames are decoded on the
 * server's bounded workers, one at a time per connection (a frame arriving while one is decoded waits, and a newer one
 * replaces it); when the workers and their queue are full the frame is answered {@code "busy"}. With {@code ?image=jpeg}
 * each answer is followed by a binary message, the frame drawn in {@code ?mode=} as JPEG.
 *
 * <p>Answers are sent without blocking any thread ({@link BoundedSender}): a client that stops reading is given up once
 * {@value BoundedSender#MAX_UNSENT_MESSAGES} messages or {@value BoundedSender#MAX_UNSENT_BYTES} bytes wait unsent
 * (beyond what the socket's buffers hold): its session is closed, the connection is closed with {@value #NOT_READING}
 * (policy violation) and a reason, and cut 5 s later if the client has not taken the close frame by then.
 */
final class LiveSocket {

    private static final Logger LOG = LoggerFactory.getLogger(LiveSocket.class);
    private static final String REPLACED = "a newer frame of this connection replaced it while it waited";
    /** The close code for a client that does not read its answers: policy violation. */
    static final int NOT_READING = 1008;
    /** How long a connection given up has to take its close frame before it is cut. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

    private final Emojify emojify;
    private final ImageDecoder decoder;
    private final Map<RenderMode, EmojiRenderer> renderers;
    private final Executor workers;
    private final Supplier<String> busyMessage;
    private final ServerMetrics metrics;
    private final EmojiImages emojiImages;
    private final BooleanSupplier closing;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    /** Closes the connections whose clients stopped reading, off the threads that found out. */
    private final ScheduledExecutorService closer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "emojify-live-closer");
        t.setDaemon(true);
        return t;
    });

    /** A frame as it arrived. */
    private record Frame(long number, byte[] bytes, long arrivalNanos) {}

    /**
     * One connection: its session, its sender, whether it wants drawn frames, the frame being decoded and the one waiting
     * to be, and the frames offered to the session by the session's sequence number (frames that failed to decode never
     * get one).
     */
    private final class Connection implements LiveListener {
        final WsContext ws;
        final RenderMode drawMode;
        final LiveSession session;
        final BoundedSender sender;
        final AtomicBoolean decoding = new AtomicBoolean();
        final AtomicReference<Frame> waiting = new AtomicReference<>();
        final Map<Long, Frame> offered = new ConcurrentHashMap<>();
        /** The session's sequence number of the next frame offered; used by one decoding worker at a time. */
        long nextSequence;
        /** Used on the connection's message thread only. */
        long received;

        Connection(WsContext ws, RenderMode drawMode) {
            this.ws = ws;
            this.drawMode = drawMode;
            this.session = LiveSession.of(emojify, LiveOptions.builder().optListener(this).build());
            this.sender = new BoundedSender(ws.session.getRemote(), () -> stoppedReading(this));
        }

        /** Offers a decoded frame to the session, remembering its number for the answer. */
        void offer(Frame f, BufferedImage image) {
            long sequence = nextSequence;
            offered.put(sequence, f);
            if (session.offer(image, f.arrivalNanos)) {
                nextSequence++;
            } else {
                offered.remove(sequence);
                dropped(this, f, "the connection is closing");
            }
        }

        @Override
        public void onResult(LiveResult r) {
            Frame f = offered.remove(r.sequence());
            if (f != null) {
                answer(this, f, r);
            }
        }

        @Override
        public void onFailure(long sequence, long captureNanos, RuntimeException error) {
            Frame f = offered.remove(sequence);
            if (f != null) {
                fail(this, f, error);
            }
        }

        @Override
        public void onDropped(long sequence, long captureNanos) {
            Frame f = offered.remove(sequence);
            if (f != null) {
                dropped(this, f);
            }
        }
    }

    /**
     * @param emojify the instance that analyses live frames (its detector set for video)
     * @param decoder decodes frames within the pixel limit
     * @param renderers draws frames for connections that ask for them
     * @param workers the server's bounded workers
     * @param busyMessage the message when the workers refuse work
     * @param metrics counts frames, faces and refusals
     * @param emojiImages learns the emoji answered, for the page to fetch their art
     * @param closing whether the server is stopping
     */
    LiveSocket(Emojify emojify, ImageDecoder decoder, Map<RenderMode, EmojiRenderer> renderers, Executor workers,
            Supplier<String> busyMessage, ServerMetrics metrics, EmojiImages emojiImages, BooleanSupplier closing) {
        this.emojify = emojify;
        this.decoder = decoder;
        this.renderers = renderers;
        this.workers = workers;
        this.busyMessage = busyMessage;
        this.metrics = metrics;
        this.emojiImages = emojiImages;
        this.closing = closing;
    }

    /** @param ws the route's handlers to set */
    void configure(WsConfig ws) {
        ws.onConnect(this::connect);
        ws.onBinaryMessage(this::frame);
        ws.onMessage(ctx -> {
            Connection c = connections.get(ctx.sessionId());
            if (c != null) {
                send(c, Map.of("error", "send frames as binary messages (JPEG or PNG bytes)"));
            }
        });
        ws.onClose(ctx -> disconnect(ctx.sessionId()));
        ws.onError(ctx -> disconnect(ctx.sessionId()));
    }

    /** @return the connections open now */
    int connections() {
        return connections.size();
    }

    /**
     * Closes every connection: first its session (the frames it holds are answered {@code "dropped"}), then the socket;
     * then stops the thread that closes the connections of clients that stopped reading.
     *
     * @param code the WebSocket close code
     * @param reason the reason
     */
    void closeAll(int code, String reason) {
        for (String id : List.copyOf(connections.keySet())) {
            Connection c = disconnect(id);
            if (c == null) {
                continue;
            }
            try {
                c.ws.closeSession(code, reason);
            } catch (RuntimeException e) {
                LOG.debug("Closing a live connection: {}", e.toString());
            }
        }
        closer.shutdown();
    }

    /**
     * Gives up a connection whose client stopped reading (its sender found the bound passed): counts it, then, on the
     * closer's thread (this may be the session's own worker), closes its session and the socket with
     * {@link #NOT_READING}, and cuts the connection {@link #CLOSE_GRACE} later (the close frame itself waits behind
     * what the client has not read).
     */
    private void stoppedReading(Connection c) {
        metrics.liveClosedSlow();
        String reason = "the client did not read its answers: " + c.sender.unsentMessages() + " messages ("
                + c.sender.unsentBytes() + " bytes) waited unsent";
        LOG.info("Closing live connection {}: {}", c.ws.sessionId(), reason);
        try {
            closer.execute(() -> {
                disconnect(c.ws.sessionId());
                try {
                    c.ws.session.close(NOT_READING, reason);
                } catch (RuntimeException e) {
                    LOG.debug("Closing a live connection: {}", e.toString());
                }
            });
            closer.schedule(c.ws.session::disconnect, CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("The server is stopping; it closes the connection itself");
        }
    }

    /** Forgets a connection and closes its session; returns it, or null if it was gone already. */
    private Connection disconnect(String sessionId) {
        Connection c = connections.remove(sessionId);
        if (c != null) {
            c.session.close();
        }
        return c;
    }

    private void connect(WsConnectContext ctx) {
        RenderMode drawMode = null;
        try {
            RenderMode mode = Http.mode(ctx.queryParam("mode"));
            String image = ctx.queryParam("image");
            if ("jpeg".equals(image)) {
                drawMode = mode;
            } else if (image != null && !image.equals("none")) {
                throw new ApiException(400, "unknown image '" + image + "'; use jpeg (each answer followed by the "
                        + "drawn frame) or none");
            }
        } catch (ApiException e) {
            ctx.closeSession(1008, e.getMessage());
            return;
        }
        if (closing.getAsBoolean()) {
            ctx.closeSession(1001, "the server is shutting down");
            return;
        }
        connections.put(ctx.sessionId(), new Connection(ctx, drawMode));
    }

    private void frame(WsBinaryMessageContext ctx) {
        Connection c = connections.get(ctx.sessionId());
        if (c == null || c.sender.overflowed()) {
            return;
        }
        Frame f = new Frame(++c.received, Arrays.copyOfRange(ctx.data(), ctx.offset(), ctx.offset() + ctx.length()),
                System.nanoTime());
        if (closing.getAsBoolean()) {
            answerError(c, f, "the server is shutting down");
            return;
        }
        Frame replaced = c.waiting.getAndSet(f);
        if (replaced != null) {
            dropped(c, replaced);
        }
        decodeNext(c);
    }

    /**
     * Hands the waiting frame to a worker to decode unless one is decoding a frame of this connection: one at a time, so
     * that frames reach the session in the order they arrived.
     */
    private void decodeNext(Connection c) {
        while (c.waiting.get() != null && c.decoding.compareAndSet(false, true)) {
            Frame next = c.waiting.getAndSet(null);
            if (next == null) {
                c.decoding.set(false);
                continue;
            }
            try {
                workers.execute(() -> {
                    try {
                        decode(c, next);
                    } finally {
                        c.decoding.set(false);
                        decodeNext(c);
                    }
                });
                return;
            } catch (RejectedExecutionException e) {
                c.decoding.set(false);
                metrics.liveRejected();
                Map<String, Object> busy = error(next, busyMessage.get());
                busy.put("busy", true);
                send(c, busy);
            }
        }
    }

    private void decode(Connection c, Frame f) {
        BufferedImage image;
        try {
            image = decoder.read(f.bytes, "the frame");
        } catch (RuntimeException | Error e) {
            fail(c, f, e);
            return;
        }
        c.offer(f, image);
    }

    /** Answers a frame the session analysed: its tracked faces, and the drawn frame when the connection asked for it. */
    private void answer(Connection c, Frame f, LiveResult r) {
        Map<String, Object> answer;
        byte[] drawn = null;
        try {
            List<AnnotatedFace> faces = new ArrayList<>(r.faces().size());
            List<Object> facesJson = new ArrayList<>(r.faces().size());
            int found = 0;
            for (TrackedFace t : r.faces()) {
                faces.add(t.face());
                facesJson.add(face(t));
                emojiImages.learn(t.face().emoji());
                if (t.missedFrames() == 0) {
                    found++;
                }
            }
            metrics.faces(found);
            if (c.drawMode != null) {
                drawn = Http.encode(renderers.get(c.drawMode).render(r.frame(), faces), Http.JPEG);
            }
            answer = new LinkedHashMap<>();
            answer.put("frame", f.number);
            answer.put("width", r.frame().getWidth());
            answer.put("height", r.frame().getHeight());
            answer.put("ms", Math.round((System.nanoTime() - f.arrivalNanos) / 1e5) / 10.0);
            answer.put("faces", facesJson);
        } catch (RuntimeException | Error e) {
            fail(c, f, e);
            return;
        }
        synchronized (c.sender) { // the drawn frame follows its answer, nothing between them
            if (send(c, answer) && drawn != null) {
                c.sender.sendBinary(ByteBuffer.wrap(drawn));
            }
        }
        metrics.frame(System.nanoTime() - f.arrivalNanos, "ok");
    }

    /** Answers a frame that could not be decoded, analysed or drawn with the error's message. */
    private void fail(Connection c, Frame f, Throwable e) {
        ApiException a = ApiException.of(e);
        if (a.status >= 500) {
            LOG.warn("live frame: {}", e.toString());
        }
        answerError(c, f, a.getMessage());
    }

    private void answerError(Connection c, Frame f, String message) {
        metrics.frame(System.nanoTime() - f.arrivalNanos, "error");
        send(c, error(f, message));
    }

    private void dropped(Connection c, Frame f) {
        dropped(c, f, REPLACED);
    }

    /** Answers a frame that was not analysed, and counts it as dropped rather than as an error. */
    private void dropped(Connection c, Frame f, String why) {
        metrics.frame(System.nanoTime() - f.arrivalNanos, "dropped");
        Map<String, Object> dropped = error(f, why);
        dropped.put("dropped", true);
        send(c, dropped);
    }

    /**
     * A tracked face: its smoothed annotation, its track id, how many frames in a row the detector missed it and how fast
     * its box moves (pixels per second).
     */
    private static Map<String, Object> face(TrackedFace t) {
        Map<String, Object> f = FaceJson.face(t.face());
        BoundingBox b = t.face().face().box();
        Map<String, Object> box = new LinkedHashMap<>();
        box.put("x", round(b.x()));
        box.put("y", round(b.y()));
        box.put("width", round(b.width()));
        box.put("height", round(b.height()));
        f.put("box", box);
        f.put("track", t.trackId());
        f.put("missed", t.missedFrames());
        Map<String, Object> velocity = new LinkedHashMap<>();
        velocity.put("x", round(t.velocityX()));
        velocity.put("y", round(t.velocityY()));
        f.put("velocity", velocity);
        return f;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static Map<String, Object> error(Frame f, String message) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("frame", f.number);
        o.put("error", message);
        return o;
    }

    /** Sends a JSON message on the connection unless it was given up; returns whether it was sent. */
    private static boolean send(Connection c, Map<String, Object> message) {
        return c.sender.sendText(FaceJson.toJson(message));
    }
}
