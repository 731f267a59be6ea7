package io.emojify.server;

import io.emojify.AnnotatedFace;
import io.emojify.Emojify;
import io.emojify.face.BoundingBox;
import io.emojify.image.ImageDecoder;
import io.emojify.render.EmojiRenderer;
import io.emojify.render.RenderMode;
import io.emojify.track.FaceTracker;
import io.emojify.track.TrackedFace;
import io.emojify.track.TrackerSettings;
import io.javalin.websocket.WsBinaryMessageContext;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live WebSocket {@code /v1/live}: each binary message is a frame (JPEG or PNG), numbered from 1 in the order it
 * arrived; each is answered with one text message that carries its number, {@code {"frame", "width", "height", "ms",
 * "faces": [face with "track" and "missed"]}} or {@code {"frame", "error"}} (with {@code "busy"} or {@code "dropped"}).
 *
 * <p>A connection's frames are analysed one at a time, in order, by the server's workers, and one more may wait: a client
 * keeps two frames in flight so that no worker idles while an answer travels. A frame that arrives while another is
 * waiting replaces it (the replaced one is answered {@code "dropped"}). Each connection has its own {@link FaceTracker}:
 * the faces of the answers are its smoothed boxes with their track ids. With {@code ?image=jpeg} each answer is followed by
 * a binary message, the frame drawn in {@code ?mode=} as JPEG.
 */
final class LiveSocket {

    private static final Logger LOG = LoggerFactory.getLogger(LiveSocket.class);

    private final Emojify emojify;
    private final ImageDecoder decoder;
    private final Map<RenderMode, EmojiRenderer> renderers;
    private final Executor workers;
    private final Supplier<String> busyMessage;
    private final ServerMetrics metrics;
    private final EmojiImages emojiImages;
    private final BooleanSupplier closing;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();

    /** A frame as it arrived. */
    private record Frame(long number, byte[] bytes, long arrivalNanos) {}

    /** One connection: its tracker, whether it wants drawn frames, the frame being analysed and the one waiting. */
    private static final class Connection {
        final WsContext ws;
        final FaceTracker tracker;
        final RenderMode drawMode;
        final AtomicBoolean analysing = new AtomicBoolean();
        final AtomicReference<Frame> waiting = new AtomicReference<>();
        long received;

        Connection(WsContext ws, FaceTracker tracker, RenderMode drawMode) {
            this.ws = ws;
            this.tracker = tracker;
            this.drawMode = drawMode;
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
        ws.onMessage(ctx -> send(ctx, Map.of("error", "send frames as binary messages (JPEG or PNG bytes)")));
        ws.onClose(ctx -> connections.remove(ctx.sessionId()));
        ws.onError(ctx -> connections.remove(ctx.sessionId()));
    }

    /** @return the connections open now */
    int connections() {
        return connections.size();
    }

    /**
     * Closes every connection.
     *
     * @param code the WebSocket close code
     * @param reason the reason
     */
    void closeAll(int code, String reason) {
        for (Connection c : connections.values()) {
            try {
                c.ws.closeSession(code, reason);
            } catch (RuntimeException e) {
                LOG.debug("Closing a live connection: {}", e.toString());
            }
        }
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
        connections.put(ctx.sessionId(), new Connection(ctx,
                new FaceTracker(TrackerSettings.DEFAULT, emojify.emojiMapper()), drawMode));
    }

    private void frame(WsBinaryMessageContext ctx) {
        Connection c = connections.get(ctx.sessionId());
        if (c == null) {
            return;
        }
        Frame f = new Frame(++c.received, Arrays.copyOfRange(ctx.data(), ctx.offset(), ctx.offset() + ctx.length()),
                System.nanoTime());
        if (closing.getAsBoolean()) {
            send(c.ws, error(f, "the server is shutting down"));
            return;
        }
        Frame replaced = c.waiting.getAndSet(f);
        if (replaced != null) {
            metrics.frame(System.nanoTime() - replaced.arrivalNanos, "dropped");
            Map<String, Object> dropped = error(replaced, "a newer frame of this connection replaced it while it waited");
            dropped.put("dropped", true);
            send(c.ws, dropped);
        }
        startNext(c);
    }

    /** Hands the waiting frame to a worker unless one is analysing a frame of this connection. */
    private void startNext(Connection c) {
        while (c.waiting.get() != null && c.analysing.compareAndSet(false, true)) {
            Frame next = c.waiting.getAndSet(null);
            if (next == null) {
                c.analysing.set(false);
                continue;
            }
            try {
                workers.execute(() -> {
                    try {
                        analyse(c, next);
                    } finally {
                        c.analysing.set(false);
                        startNext(c);
                    }
                });
                return;
            } catch (RejectedExecutionException e) {
                c.analysing.set(false);
                metrics.liveRejected();
                Map<String, Object> busy = error(next, busyMessage.get());
                busy.put("busy", true);
                send(c.ws, busy);
            }
        }
    }

    private void analyse(Connection c, Frame f) {
        Map<String, Object> answer;
        byte[] drawn = null;
        String result = "ok";
        try {
            BufferedImage image = decoder.read(f.bytes, "the frame");
            List<AnnotatedFace> detected = emojify.analyze(image);
            List<TrackedFace> tracked = c.tracker.update(detected);
            metrics.faces(detected.size());
            List<AnnotatedFace> faces = new ArrayList<>(tracked.size());
            List<Object> facesJson = new ArrayList<>(tracked.size());
            for (TrackedFace t : tracked) {
                faces.add(t.face());
                facesJson.add(face(t));
                emojiImages.learn(t.face().emoji());
            }
            if (c.drawMode != null) {
                drawn = Http.encode(renderers.get(c.drawMode).render(image, faces), Http.JPEG);
            }
            answer = new LinkedHashMap<>();
            answer.put("frame", f.number);
            answer.put("width", image.getWidth());
            answer.put("height", image.getHeight());
            answer.put("ms", Math.round((System.nanoTime() - f.arrivalNanos) / 1e5) / 10.0);
            answer.put("faces", facesJson);
        } catch (RuntimeException | Error e) {
            ApiException a = ApiException.of(e);
            if (a.status >= 500) {
                LOG.warn("live frame: {}", e.toString());
            }
            result = "error";
            answer = error(f, a.getMessage());
        }
        metrics.frame(System.nanoTime() - f.arrivalNanos, result);
        synchronized (c.ws) {
            send(c.ws, answer);
            if (drawn != null) {
                try {
                    c.ws.send(ByteBuffer.wrap(drawn));
                } catch (Exception e) { // Jetty's IOException, undeclared through Kotlin
                    LOG.debug("live connection gone: {}", e.toString());
                }
            }
        }
    }

    /** A tracked face: its smoothed annotation, its track id and how many frames in a row the detector missed it. */
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

    private static void send(WsContext ctx, Map<String, Object> message) {
        String json = FaceJson.toJson(message);
        synchronized (ctx) {
            try {
                ctx.send(json);
            } catch (Exception e) { // Jetty's IOException, undeclared through Kotlin
                LOG.debug("live connection gone: {}", e.toString());
            }
        }
    }
}
