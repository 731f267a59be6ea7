package io.emojify.server;

import io.emojify.AnnotatedFace;
import io.emojify.Emojify;
import io.emojify.image.ImageDecoder;
import io.emojify.render.EmojiRenderer;
import io.emojify.render.RenderMode;
import io.emojify.live.LiveListener;
import io.emojify.live.LiveOptions;
import io.emojify.live.LiveResult;
import io.emojify.track.TrackedFace;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.websocket.WsBinaryMessageContext;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP and WebSocket server of {@code emojify serve}, over one shared {@link Emojify} instance (Javalin on Jetty).
 *
 * <ul>
 *   <li>{@code POST /v1/analyze}: an image as the body (JPEG, PNG, WebP...); answers its faces as JSON ({@link FaceJson}).
 *   <li>{@code POST /v1/emojify?mode=replace|badge|boxes}: answers the image with the emoji drawn, PNG or JPEG as
 *       {@code Accept} asks.
 *   <li>{@code GET /v1/live?mode=...} (WebSocket): each binary message is a JPEG or PNG frame; each is answered with a text
 *       message (the faces as JSON, with their track id and velocity) and then a binary one (the drawn frame as JPEG).
 *       One {@link io.emojify.live.LiveSession} per connection tracks the faces (each keeps its emoji steady) and
 *       analyses the newest frame: a frame that a newer one replaced while it waited is answered
 *       {@code {"dropped": true}}.
 *   <li>{@code GET /health}, {@code GET /metrics}, {@code GET /openapi.json} and the live page at {@code /}.
 * </ul>
 *
 * <p>Bodies are decoded by the library's {@link ImageDecoder} (EXIF rotation, pixel limit checked before decoding). Bad
 * input is answered with a 4xx status and {@code {"error": "..."}}: the library's message, never a stack trace. Decoding,
 * analysis and drawing run on a bounded pool of workers with a bounded queue; a request arriving when both are full is
 * answered 503 at once (with {@code Retry-After}). {@link #close()} stops taking work, lets the work in progress finish
 * (up to {@link ServerSettings#shutdownGrace()}), then stops. The {@link Emojify} instance stays the caller's to close.
 */
public final class EmojifyServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmojifyServer.class);
    private static final String JSON = "application/json";

    private final Emojify emojify;
    private final ServerSettings settings;
    private final ImageDecoder decoder;
    private final ThreadPoolExecutor pool;
    private final Map<RenderMode, EmojiRenderer> renderers = new EnumMap<>(RenderMode.class);
    private final ServerMetrics metrics = new ServerMetrics();
    private final Map<String, LiveSession> live = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Map<String, byte[]> pages = new LinkedHashMap<>();
    private final Javalin app;
    private volatile int port;

    /** One WebSocket connection: its mode and the library's live session that analyses and tracks its frames. */
    private final class LiveSession implements LiveListener {
        final WsContext ws;
        final RenderMode mode;
        final io.emojify.live.LiveSession session;
        /** Written by the session's one worker only. */
        long frames;

        LiveSession(WsContext ws, RenderMode mode) {
            this.ws = ws;
            this.mode = mode;
            this.session = io.emojify.live.LiveSession.of(emojify, LiveOptions.builder().optListener(this).build());
        }

        @Override
        public void onResult(LiveResult r) {
            liveAnswer(this, r);
        }

        @Override
        public void onFailure(long sequence, long captureNanos, RuntimeException error) {
            ApiException a = ApiException.of(error);
            if (a.status >= 500) {
                LOG.warn("live frame: {}", error.toString());
            }
            metrics.frameErrors.increment();
            metrics.frames.increment();
            metrics.frameLatency.add(System.nanoTime() - captureNanos);
            send(ws, error(a.getMessage()));
        }

        @Override
        public void onDropped(long sequence, long captureNanos) {
            Map<String, Object> dropped = error("a newer frame of this connection came while this one waited");
            dropped.put("dropped", true);
            send(ws, dropped);
        }
    }

    /** One API call's work on the request thread. */
    @FunctionalInterface
    private interface Endpoint {
        void handle(Context ctx) throws Exception;
    }

    private EmojifyServer(Emojify emojify, ServerSettings settings) {
        this.emojify = Objects.requireNonNull(emojify, "emojify");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.decoder = new ImageDecoder(settings.maxPixels());
        for (RenderMode m : RenderMode.values()) {
            renderers.put(m, new EmojiRenderer(m));
        }
        AtomicInteger threadNumber = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(settings.workers(), settings.workers(), 0, TimeUnit.SECONDS,
                settings.queue() == 0 ? new java.util.concurrent.SynchronousQueue<>()
                        : new ArrayBlockingQueue<>(settings.queue()),
                r -> {
                    Thread t = new Thread(r, "emojify-worker-" + threadNumber.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        for (String page : List.of("index.html", "live.js", "live.css", "openapi.json")) {
            pages.put(page, resource("web/" + page));
        }
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = settings.maxBodyBytes();
            config.http.prefer405over404 = true;
            // answer a request as soon as its headers are in (Jetty would wait for the first bytes of the body): a
            // body refused on its declared length is then refused before it is sent
            config.jetty.modifyHttpConfiguration(http -> http.setDelayDispatchUntilContent(false));
            config.jetty.modifyWebSocketServletFactory(f -> {
                f.setMaxBinaryMessageSize(settings.maxBodyBytes());
                f.setMaxTextMessageSize(1 << 16);
                f.setIdleTimeout(Duration.ofMinutes(5));
            });
        });
        routes();
    }

    /**
     * Starts a server.
     *
     * @param emojify the instance that does the work, shared by every request (the caller closes it after the server)
     * @param settings where to listen and the limits
     * @return the running server
     */
    public static EmojifyServer start(Emojify emojify, ServerSettings settings) {
        EmojifyServer server = new EmojifyServer(emojify, settings);
        try {
            server.app.start(settings.host(), settings.port());
            server.port = server.app.port();
        } catch (RuntimeException e) {
            server.pool.shutdownNow();
            throw e;
        }
        LOG.info("Listening on {} ({} workers, queue {}, bodies up to {} bytes, images up to {} pixels)", server.uri(),
                settings.workers(), settings.queue(), settings.maxBodyBytes(), settings.maxPixels());
        return server;
    }

    /** @return the port listened on (the chosen one when the settings said 0), also after {@link #close()} */
    public int port() {
        return port;
    }

    /** @return the server's address, e.g. {@code http://127.0.0.1:8080/} */
    public URI uri() {
        String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
        return URI.create("http://" + host + ":" + port() + "/");
    }

    /**
     * Waits until the server has stopped (after {@link #close()}, for example from a shutdown hook on SIGTERM).
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /**
     * Stops gracefully: new requests and frames are refused with 503, the ones in progress are finished (up to the
     * settings' grace period), live connections are closed with status 1001 (going away), then the listener and the
     * workers stop. Safe to call more than once and from a shutdown hook.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            awaitQuietly();
            return;
        }
        LOG.info("Stopping: finishing {} requests in progress", inFlight.get());
        long deadline = System.nanoTime() + settings.shutdownGrace().toNanos();
        try {
            while ((inFlight.get() > 0 || pool.getActiveCount() > 0) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            for (LiveSession s : live.values()) {
                try {
                    s.ws.closeSession(1001, "the server is shutting down");
                } catch (RuntimeException e) {
                    LOG.debug("Closing a live connection: {}", e.toString());
                }
                s.session.close();
            }
            app.stop();
            pool.shutdown();
            if (!pool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                LOG.warn("{} images were still being worked on after {}; stopped without them", pool.getActiveCount(),
                        settings.shutdownGrace());
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            stopped.countDown();
        }
        LOG.info("Stopped");
    }

    private void awaitQuietly() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void routes() {
        app.get("/", ctx -> page(ctx, "index.html", "text/html; charset=utf-8"));
        app.get("/live.js", ctx -> page(ctx, "live.js", "text/javascript; charset=utf-8"));
        app.get("/live.css", ctx -> page(ctx, "live.css", "text/css; charset=utf-8"));
        app.get("/openapi.json", ctx -> page(ctx, "openapi.json", JSON));
        app.get("/health", this::health);
        app.get("/metrics", ctx -> json(ctx, 200, metrics.snapshot(live.size(), workers())));
        app.post("/v1/analyze", ctx -> api(ctx, this::analyze));
        app.post("/v1/emojify", ctx -> api(ctx, this::emojifyImage));
        app.ws("/v1/live", ws -> {
            ws.onConnect(this::liveConnect);
            ws.onBinaryMessage(this::liveFrame);
            ws.onMessage(ctx -> send(ctx, Map.of("error", "send frames as binary messages (JPEG or PNG bytes)")));
            ws.onClose(ctx -> liveClose(ctx.sessionId()));
            ws.onError(ctx -> liveClose(ctx.sessionId()));
        });
        app.exception(HttpResponseException.class, (e, ctx) -> json(ctx, e.getStatus(), error(e.getMessage())));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.warn("{} {}: {}", ctx.method(), ctx.path(), e.toString());
            json(ctx, 500, error("internal error: " + e.getClass().getSimpleName()));
        });
        app.error(404, ctx -> json(ctx, 404, error("no such path: " + ctx.path() + " (the API is described at "
                + "/openapi.json)")));
        app.error(405, ctx -> json(ctx, 405, error(ctx.method() + " is not allowed on " + ctx.path()
                + " (the API is described at /openapi.json)")));
    }

    private void health(Context ctx) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("status", closing.get() ? "stopping" : "ok");
        o.put("faceDetector", emojify.faceDetector().name());
        o.put("emotionClassifier", emojify.emotionClassifier().name());
        json(ctx, closing.get() ? 503 : 200, o);
    }

    private Map<String, Object> workers() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("threads", settings.workers());
        o.put("busy", pool.getActiveCount());
        o.put("queued", pool.getQueue().size());
        o.put("queueCapacity", settings.queue());
        return o;
    }

    /** Runs an API endpoint: refuses it while stopping, turns failures into JSON errors, counts it in the metrics. */
    private void api(Context ctx, Endpoint endpoint) {
        long start = System.nanoTime();
        inFlight.incrementAndGet();
        try {
            if (closing.get()) {
                throw new ApiException(503, "the server is shutting down");
            }
            endpoint.handle(ctx);
        } catch (Exception | Error e) {
            ApiException a = ApiException.of(e);
            if (a.status >= 500 && a.status != 503) {
                LOG.warn("{} {}: {}", ctx.method(), ctx.path(), e.toString());
            } else {
                LOG.debug("{} {}: {} {}", ctx.method(), ctx.path(), a.status, a.getMessage());
            }
            if (a.status == 503) {
                ctx.header("Retry-After", "1");
            } else {
                // the body may be unread (refused on its headers): the connection is not kept for a next request
                ctx.header("Connection", "close");
            }
            json(ctx, a.status, error(a.getMessage()));
        } finally {
            inFlight.decrementAndGet();
            metrics.request(System.nanoTime() - start, ctx.statusCode());
        }
    }

    private void analyze(Context ctx) throws Exception {
        byte[] body = Http.readImageBody(ctx, settings.maxBodyBytes());
        Map<String, Object> result = work(() -> {
            BufferedImage image = decoder.read(body, "the image");
            List<AnnotatedFace> faces = emojify.analyze(image);
            metrics.faces(faces.size());
            return FaceJson.image(null, image.getWidth(), image.getHeight(), faces);
        });
        json(ctx, 200, result);
    }

    private void emojifyImage(Context ctx) throws Exception {
        RenderMode mode = Http.mode(ctx.queryParam("mode"));
        String type = Http.imageType(ctx.header("Accept"));
        byte[] body = Http.readImageBody(ctx, settings.maxBodyBytes());
        int[] faceCount = {0};
        byte[] result = work(() -> {
            BufferedImage image = decoder.read(body, "the image");
            List<AnnotatedFace> faces = emojify.analyze(image);
            metrics.faces(faces.size());
            faceCount[0] = faces.size();
            return Http.encode(renderers.get(mode).render(image, faces), type);
        });
        ctx.header("X-Emojify-Faces", Integer.toString(faceCount[0]));
        ctx.status(200).contentType(type).result(result);
    }

    /** Runs work on the pool and waits for it; 503 at once when the workers and the queue are full. */
    private <T> T work(Callable<T> task) throws Exception {
        Future<T> future;
        try {
            future = pool.submit(task);
        } catch (RejectedExecutionException e) {
            throw busy();
        }
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw ApiException.of(cause);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ApiException(503, "the server is shutting down");
        }
    }

    private ApiException busy() {
        return new ApiException(503, "busy: all " + settings.workers() + " workers are working and " + settings.queue()
                + " requests are waiting; try again shortly");
    }

    private void liveConnect(WsConnectContext ctx) {
        RenderMode mode;
        try {
            mode = Http.mode(ctx.queryParam("mode"));
        } catch (ApiException e) {
            ctx.closeSession(1008, e.getMessage());
            return;
        }
        if (closing.get()) {
            ctx.closeSession(1001, "the server is shutting down");
            return;
        }
        live.put(ctx.sessionId(), new LiveSession(ctx, mode));
    }

    private void liveClose(String id) {
        LiveSession s = live.remove(id);
        if (s != null) {
            s.session.close();
        }
    }

    /**
     * One frame of a live connection: decoded by the pool and offered to the connection's session, which answers it
     * through {@link LiveSession}'s listener (text with the faces, then the drawn frame) or as dropped when a newer frame
     * replaced it while it waited.
     */
    private void liveFrame(WsBinaryMessageContext ctx) {
        LiveSession s = live.get(ctx.sessionId());
        if (s == null) {
            return;
        }
        if (closing.get()) {
            send(ctx, error("the server is shutting down"));
            return;
        }
        byte[] frame = Arrays.copyOfRange(ctx.data(), ctx.offset(), ctx.offset() + ctx.length());
        long start = System.nanoTime();
        try {
            pool.execute(() -> {
                try {
                    s.session.offer(decoder.read(frame, "the frame"), start);
                } catch (RuntimeException | Error e) {
                    s.onFailure(-1, start, e instanceof RuntimeException r ? r : ApiException.of(e));
                }
            });
        } catch (RejectedExecutionException e) {
            metrics.rejected.increment();
            Map<String, Object> busy = error(busy().getMessage());
            busy.put("busy", true);
            send(ctx, busy);
        }
    }

    /** Answers an analysed live frame: its tracked faces (text), then the frame drawn with them (JPEG). */
    private void liveAnswer(LiveSession s, LiveResult r) {
        Map<String, Object> answer;
        byte[] drawn = null;
        try {
            List<AnnotatedFace> faces = new ArrayList<>(r.faces().size());
            List<Object> facesJson = new ArrayList<>(r.faces().size());
            for (TrackedFace t : r.faces()) {
                faces.add(t.face());
                Map<String, Object> f = FaceJson.face(t.face());
                f.put("track", t.trackId());
                f.put("velocity", Map.of("x", Math.round(t.velocityX() * 10) / 10.0,
                        "y", Math.round(t.velocityY() * 10) / 10.0));
                facesJson.add(f);
            }
            drawn = Http.encode(renderers.get(s.mode).render(r.frame(), faces), Http.JPEG);
            metrics.faces(faces.size());
            s.frames++;
            answer = new LinkedHashMap<>();
            answer.put("frame", s.frames);
            answer.put("width", r.frame().getWidth());
            answer.put("height", r.frame().getHeight());
            answer.put("ms", Math.round((System.nanoTime() - r.captureNanos()) / 1e5) / 10.0);
            answer.put("faces", facesJson);
        } catch (RuntimeException | Error e) {
            ApiException a = ApiException.of(e);
            LOG.warn("live frame: {}", e.toString());
            metrics.frameErrors.increment();
            answer = error(a.getMessage());
        }
        metrics.frames.increment();
        metrics.frameLatency.add(System.nanoTime() - r.captureNanos());
        send(s.ws, answer);
        if (drawn != null) {
            try {
                s.ws.send(ByteBuffer.wrap(drawn));
            } catch (Exception e) { // Jetty's IOException, undeclared through Kotlin
                LOG.debug("live connection gone: {}", e.toString());
            }
        }
    }

    private static void send(WsContext ctx, Map<String, Object> message) {
        try {
            ctx.send(FaceJson.toJson(message));
        } catch (Exception e) { // Jetty's IOException, undeclared through Kotlin
            LOG.debug("live connection gone: {}", e.toString());
        }
    }

    private static Map<String, Object> error(String message) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("error", message);
        return o;
    }

    private static void json(Context ctx, int status, Map<String, Object> body) {
        ctx.status(status).contentType(JSON).result(FaceJson.toJson(body));
    }

    private void page(Context ctx, String name, String type) {
        ctx.contentType(type).header("Cache-Control", "no-cache").result(pages.get(name));
    }

    private static byte[] resource(String name) {
        try (InputStream in = EmojifyServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " in the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
