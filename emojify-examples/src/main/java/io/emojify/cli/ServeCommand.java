package io.emojify.cli;

import io.emojify.Emojify;
import io.emojify.EmojifyException;
import io.emojify.djl.face.DetectorSettings;
import io.emojify.face.FaceDetector;
import io.emojify.io.FileErrors;
import io.emojify.server.EmojifyServer;
import io.emojify.server.ServerSettings;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code emojify serve [--port 8080] [--host 127.0.0.1] [--workers N] [--queue N] [--max-bytes B] [--max-pixels P]}:
 * starts {@link EmojifyServer} over one {@link Emojify} instance and runs until stopped (Ctrl-C or SIGTERM, which finish
 * the requests in progress first).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the HTTP API (POST /v1/analyze, POST /v1/emojify, GET /health, GET /metrics, "
                + "GET /openapi.json) and the live camera page at /.",
            "Stops on Ctrl-C or SIGTERM after finishing the requests in progress.",
            "Exit codes: 0 stopped, 1 could not start (say the port is taken), 2 bad arguments."})
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8080", description = "TCP port (default 8080; 0 picks a free one)")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to listen on (default 127.0.0.1: this machine only; 0.0.0.0: every interface)")
    String host;

    @Option(names = "--workers", paramLabel = "N",
            description = "Images worked on at once (default: one per core)")
    Integer workers;

    @Option(names = "--queue", paramLabel = "N",
            description = "Requests that may wait for a worker before the next get 503 (default: twice the workers)")
    Integer queue;

    @Option(names = "--max-bytes", paramLabel = "B", defaultValue = "" + ServerSettings.DEFAULT_MAX_BODY_BYTES,
            description = "Largest upload or live frame in bytes (default 20 MiB)")
    long maxBytes;

    @Option(names = "--max-pixels", paramLabel = "P", defaultValue = "" + ServerSettings.DEFAULT_MAX_PIXELS,
            description = "Largest image in pixels, checked before decoding (default 25000000)")
    long maxPixels;

    @Mixin
    DetectionOptions detection = new DetectionOptions();

    @Override
    public Integer call() throws InterruptedException {
        quietLibraries();
        ServerSettings settings;
        FaceDetector faceDetector;
        try {
            int w = workers != null ? workers : ServerSettings.DEFAULT.workers();
            settings = ServerSettings.DEFAULT.withHost(host).withPort(port).withMaxBodyBytes(maxBytes)
                    .withMaxPixels(maxPixels).withWorkers(w, queue != null ? queue : 2 * w);
            faceDetector = detection.open(DetectorSettings.PHOTO);
        } catch (IllegalArgumentException | EmojifyException e) {
            System.err.println("emojify: " + e.getMessage());
            return 2;
        }
        Emojify.Builder builder = Emojify.builder().optMaxPixels(maxPixels);
        if (faceDetector != null) {
            builder.optFaceDetector(faceDetector);
        }
        CountDownLatch cleanedUp = new CountDownLatch(1);
        try (FaceDetector closeDetector = faceDetector; Emojify emojify = builder.build()) {
            EmojifyServer server;
            try {
                server = EmojifyServer.start(emojify, settings);
            } catch (RuntimeException e) {
                System.err.println("emojify: cannot serve on " + host + ":" + port + ": " + FileErrors.describe(
                        e.getCause() != null ? e.getCause() : e));
                return 1;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                try {
                    cleanedUp.await(5, TimeUnit.SECONDS); // let the main thread close the models
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "emojify-serve-shutdown"));
            System.err.println("emojify: serving on " + server.uri() + " (the live page; API at " + server.uri()
                    + "openapi.json); Ctrl-C stops");
            server.awaitStop();
        } finally {
            cleanedUp.countDown();
        }
        return 0;
    }

    /** Keeps Jetty's and Javalin's start-up notes out of the way unless a level was chosen for them. */
    private static void quietLibraries() {
        for (String logger : new String[] {"org.eclipse.jetty", "io.javalin"}) {
            String key = "org.slf4j.simpleLogger.log." + logger;
            if (System.getProperty(key) == null) {
                System.setProperty(key, "warn");
            }
        }
    }
}
