package io.emojify.server;

import io.emojify.AnnotatedFace;
import io.emojify.Emojify;
import io.emojify.image.ImageDecoder;
import io.emojify.render.EmojiRenderer;
import io.emojify.render.RenderMode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
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
 *   <li>{@code GET /v1/live} (WebSocket): each binary message is a JPEG or PNG frame; each is answered with a text
 *       message, the faces as JSON with their track ids ({@link LiveSocket}); the live page draws them over the camera's
 *       video.
 *   <li>{@code GET /health}, {@code GET /metrics} (Prometheus text format; {@code /metrics.json} the JSON summary),
 *       {@code GET /openapi.json}, the live page at {@code /} and the emoji art it draws at {@code /emoji/...png}.
 * </ul>
 *
 * <p>Every request first passes the admission checks of {@link ServerSettings#access()}: its {@code Host} (while the
 * server listens on loopback), its {@code Origin}, and the token when there is one.
 *
 * <p>Bodies are decoded by the library's {@link ImageDecoder} (EXIF rotation, pixel limit checked before decoding). Bad
 * input is answered with a 4xx status and {@code {"error": "..."}}: the library's message, never a stack trace. Decoding,
 * analysis and drawing run on a bounded pool of workers with a bounded queue; a request arriving when both are full is
 * answered 503 at once (with {@code Retry-After}). Live frames are decoded on the same workers and analysed by their
 * connection's {@link io.emojify.live.LiveSession}, on its own thread. {@link #close()} stops taking work, lets the work
 * in progress finish (up to {@link ServerSettings#shutdownGrace()}), closes the live connections and their sessions,
 * then stops. The {@link Emojify} instance stays the caller's to close.
 */
public final class EmojifyServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmojifyServer.class);
    private static final String JSON = "application/json";
    private static final String START = "emojify.start";
    private static final Set<String> ROUTES = Set.of("/", "/live.js", "/live.css", "/openapi.json", "/health",
            "/metrics", "/metrics.json", "/v1/analyze", "/v1/emojify", "/v1/live");

    private final Emojify emojify;
    private final ServerSettings settings;
    private final ImageDecoder decoder;
    private final ThreadPoolExecutor pool;
    private final Map<RenderMode, EmojiRenderer> renderers = new EnumMap<>(RenderMode.class);
    private final ServerMetrics metrics;
    private final Admission admission;
    private final EmojiImages emojiImages = new EmojiImages();
    private final LiveSocket live;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Map<String, byte[]> pages = new LinkedHashMap<>();
    private final Javalin app;
    private volatile int port;

    /** One API call's work on the request thread. */
    @FunctionalInterface
    private interface Endpoint {
        void handle(Context ctx) throws Exception;
    }

    private EmojifyServer(Emojify emojify, Emojify liveEmojify, ServerSettings settings) {
        this.emojify = Objects.requireNonNull(emojify, "emojify");
        Objects.requireNonNull(liveEmojify, "liveEmojify");
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
        this.metrics = new ServerMetrics(pool, settings.queue());
        this.admission = new Admission(settings.access(), settings.listensOnLoopback(), metrics);
        this.live = new LiveSocket(liveEmojify, decoder, renderers, pool, () -> busy().getMessage(), metrics,
                emojiImages, closing::get);
        metrics.liveConnections(live::connections);
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
     * Starts a server whose live frames are analysed like the API's images.
     *
     * @param emojify the instance that does the work, shared by every request (the caller closes it after the server)
     * @param settings where to listen, the limits, who is admitted
     * @return the running server
     * @throws IllegalArgumentException if the settings would listen beyond loopback without a token and without being
     *     opened explicitly ({@link ServerSettings#checkExposure()})
     */
    public static EmojifyServer start(Emojify emojify, ServerSettings settings) {
        return start(emojify, emojify, settings);
    }

    /**
     * Starts a server.
     *
     * @param emojify the instance that analyses the API's images, shared by every request (the caller closes it after
     *     the server)
     * @param liveEmojify the instance that analyses live frames, typically with its face detector set for video (a
     *     smaller detection size, no second pass); may be {@code emojify} itself; the caller closes it after the server
     * @param settings where to listen, the limits, who is admitted
     * @return the running server
     * @throws IllegalArgumentException if the settings would listen beyond loopback without a token and without being
     *     opened explicitly ({@link ServerSettings#checkExposure()})
     */
    public static EmojifyServer start(Emojify emojify, Emojify liveEmojify, ServerSettings settings) {
        settings.checkExposure();
        EmojifyServer server = new EmojifyServer(emojify, liveEmojify, settings);
        try {
            server.app.start(settings.host(), settings.port());
            server.port = server.app.port();
        } catch (RuntimeException e) {
            server.pool.shutdownNow();
            server.metrics.close();
            throw e;
        }
        LOG.info("Listening on {} ({} workers, queue {}, bodies up to {} bytes, images up to {} pixels, {})",
                server.uri(), settings.workers(), settings.queue(), settings.maxBodyBytes(), settings.maxPixels(),
                settings.access().token() != null ? "token required" : "no token");
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
     * The address of the live page to open: {@link #uri()}, with {@code #token=...} when the server requires a token (the
     * fragment stays in the browser: it is never sent to a server, so it reaches no log).
     *
     * @return the page's address
     */
    public URI pageUri() {
        String token = settings.access().token();
        return token == null ? uri() : URI.create(uri() + "#token=" + token);
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
            live.closeAll(1001, "the server is shutting down");
            // Jetty's graceful stop (Javalin's server counts requests in a StatisticsHandler): an answer counted as done
            // above may still be on its way out, and is written before the connection closes
            app.jettyServer().server().setStopTimeout(Math.max(100,
                    TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
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
            metrics.close();
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
        app.before(ctx -> ctx.attribute(START, System.nanoTime()));
        app.before(admission::http);
        app.wsBeforeUpgrade("/v1/live", admission::upgrade);
        app.after(ctx -> {
            Long start = ctx.attribute(START);
            metrics.http(route(ctx.path()), ctx.method().name(), ctx.statusCode(),
                    start == null ? 0 : System.nanoTime() - start);
        });
        app.get("/", ctx -> page(ctx, "index.html", "text/html; charset=utf-8"));
        app.get("/live.js", ctx -> page(ctx, "live.js", "text/javascript; charset=utf-8"));
        app.get("/live.css", ctx -> page(ctx, "live.css", "text/css; charset=utf-8"));
        app.get("/openapi.json", ctx -> page(ctx, "openapi.json", JSON));
        app.get("/health", this::health);
        app.get("/metrics", ctx -> {
            if (Http.wantsJson(ctx.header("Accept"))) {
                metricsJson(ctx);
            } else {
                ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.prometheus());
            }
        });
        app.get("/metrics.json", this::metricsJson);
        app.get("/emoji/{file}", this::emojiImage);
        app.post("/v1/analyze", ctx -> api(ctx, this::analyze));
        app.post("/v1/emojify", ctx -> api(ctx, this::emojifyImage));
        app.ws("/v1/live", live::configure);
        app.exception(ApiException.class, (e, ctx) -> json(ctx, e.status, error(e.getMessage())));
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

    /** @return the route a path is counted under in the metrics (a path the server does not have: {@code other}) */
    private String route(String path) {
        if (ROUTES.contains(path)) {
            return path;
        }
        return path.startsWith("/emoji/") ? "/emoji/{file}" : "other";
    }

    private void metricsJson(Context ctx) {
        json(ctx, 200, metrics.snapshot(live.connections(), workers()));
    }

    private void emojiImage(Context ctx) {
        byte[] png = emojiImages.png(ctx.pathParam("file"));
        if (png == null) {
            throw new ApiException(404, "no such emoji: " + ctx.pathParam("file") + " (only the emoji the server has "
                    + "answered are served)");
        }
        ctx.contentType(Http.PNG).header("Cache-Control", "max-age=86400").result(png);
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
            metrics.rejected();
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
