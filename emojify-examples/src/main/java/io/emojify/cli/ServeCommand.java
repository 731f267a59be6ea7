package io.emojify.cli;

import io.emojify.Emojify;
import io.emojify.emotion.EmotionModelName;
import io.emojify.djl.face.DetectorSettings;
import io.emojify.face.FaceDetector;
import io.emojify.io.FileErrors;
import io.emojify.server.AccessSettings;
import io.emojify.server.EmojifyServer;
import io.emojify.server.ServerSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code emojify serve [--port 8080] [--host 127.0.0.1] [--workers N] [--queue N] [--max-bytes B] [--max-pixels P]
 * [--token-file FILE | --generate-token | --no-token] [--allow-origin URL]... [--allow-host NAME]...}: starts
 * {@link EmojifyServer} over one {@link Emojify} instance (and a second one with the video detection settings for the live
 * frames, sharing its classifier) and runs until stopped (Ctrl-C or SIGTERM, which finish the requests in progress first).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the HTTP API (POST /v1/analyze, POST /v1/emojify, GET /health, GET /metrics, "
                + "GET /openapi.json) and the live camera page at /.",
            "Stops on Ctrl-C or SIGTERM after finishing the requests in progress.",
            "With a token (--token-file, EMOJIFY_TOKEN or --generate-token) the API and /metrics require "
                + "'Authorization: Bearer TOKEN'; the printed URL carries it after #token= for the live page. Listening "
                + "beyond loopback needs a token or --no-token.",
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

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "Require the token in FILE (its first line; at least 16 characters of A-Z a-z 0-9 - _ . ~); "
                    + "the environment variable EMOJIFY_TOKEN is read when this is not given")
    Path tokenFile;

    @Option(names = "--generate-token", description = "Make a random token and print the page's URL with it")
    boolean generateToken;

    @Option(names = "--no-token", description = "Listen beyond loopback without a token: anyone who reaches the port "
            + "may use the server")
    boolean noToken;

    @Option(names = "--allow-origin", paramLabel = "URL", description = "Also admit requests from pages of this origin "
            + "(scheme://host[:port]; repeatable; * admits every origin). Requests without Origin are not affected.")
    List<String> allowOrigins = new ArrayList<>();

    @Option(names = "--allow-host", paramLabel = "NAME", description = "Also answer to this Host name (a reverse "
            + "proxy's; repeatable). On loopback only localhost names are answered otherwise; beyond loopback, giving "
            + "any restricts the server to these and localhost names")
    List<String> allowHosts = new ArrayList<>();

    @Mixin
    DetectionOptions detection = new DetectionOptions();
    @Mixin
    EmotionModelOption emotionModel = new EmotionModelOption();

    @Override
    public Integer call() throws InterruptedException {
        quietLibraries();
        ServerSettings settings;
        try {
            int w = workers != null ? workers : ServerSettings.DEFAULT.workers();
            settings = ServerSettings.DEFAULT.withHost(host).withPort(port).withMaxBodyBytes(maxBytes)
                    .withMaxPixels(maxPixels).withWorkers(w, queue != null ? queue : 2 * w).withAccess(access());
            settings.checkExposure();
        } catch (IllegalArgumentException e) {
            System.err.println("emojify: " + e.getMessage());
            return 2;
        }
        DetectionOptions.Chosen faceDetector = detection.openOrPrint(DetectorSettings.PHOTO);
        if (faceDetector == null) {
            return 2;
        }
        // live frames: the video settings (a smaller detection size, no second pass), the same classifier
        DetectionOptions.Chosen liveDetector = faceDetector.detector() == null ? new DetectionOptions.Chosen(null)
                : detection.openOrPrint(DetectorSettings.VIDEO);
        if (liveDetector == null) {
            faceDetector.close();
            return 2;
        }
        Emojify.Builder builder = faceDetector.applyTo(emotionModel.apply(Emojify.builder().optMaxPixels(maxPixels)));
        CountDownLatch cleanedUp = new CountDownLatch(1);
        try (faceDetector; liveDetector; Emojify emojify = builder.build();
                Emojify live = liveDetector.detector() == null ? null
                        : liveInstance(emojify, liveDetector.detector())) {
            EmojifyServer server;
            try {
                server = EmojifyServer.start(emojify, live == null ? emojify : live, settings);
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
            System.err.println("emojify: serving on " + server.pageUri() + " (the live page; API at " + server.uri()
                    + "openapi.json); Ctrl-C stops");
            server.awaitStop();
        } finally {
            cleanedUp.countDown();
        }
        return 0;
    }

    /**
     * @return who is admitted, from the options and {@code EMOJIFY_TOKEN}
     * @throws IllegalArgumentException if the token options contradict each other, the file cannot be read, or a value
     *     is wrong (the message says which)
     */
    private AccessSettings access() {
        String env = System.getenv("EMOJIFY_TOKEN");
        int sources = (tokenFile != null ? 1 : 0) + (generateToken ? 1 : 0);
        if (sources > 1) {
            throw new IllegalArgumentException("--token-file and --generate-token exclude each other: give one");
        }
        if (noToken && (sources > 0 || env != null && !env.isBlank())) {
            throw new IllegalArgumentException("--no-token contradicts " + (tokenFile != null ? "--token-file"
                    : generateToken ? "--generate-token" : "EMOJIFY_TOKEN") + ": give one");
        }
        AccessSettings access = AccessSettings.LOCAL.withAllowedOrigins(allowOrigins).withAllowedHosts(allowHosts);
        if (noToken) {
            return access.withOpenWithoutToken();
        }
        String token = generateToken ? AccessSettings.generateToken()
                : tokenFile != null ? readToken(tokenFile) : env != null && !env.isBlank() ? env.strip() : null;
        if (token == null) {
            return access;
        }
        try {
            return access.withToken(token);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException((tokenFile != null ? "the token file " + tokenFile : "EMOJIFY_TOKEN")
                    + ": " + e.getMessage());
        }
    }

    private static String readToken(Path file) {
        try {
            String text = Files.readString(file).strip();
            String first = text.lines().findFirst().orElse("").strip();
            if (first.isEmpty()) {
                throw new IllegalArgumentException("the token file " + file + " is empty");
            }
            return first;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("cannot read the token file " + file + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the token file " + file + ": " + e.getMessage());
        }
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

    /**
     * The instance for live frames: the video detector, and the real-time model (the photo instance's classifier when that
     * is the compact model; the accurate one is too slow for a camera, so live frames get the compact).
     */
    private Emojify liveInstance(Emojify photo, FaceDetector liveDetector) {
        Emojify.Builder b = Emojify.builder().optMaxPixels(maxPixels).optFaceDetector(liveDetector);
        return (emotionModel.isAccurate() ? b.optEmotionModel(EmotionModelName.COMPACT)
                : b.optEmotionClassifier(photo.emotionClassifier())).build();
    }
}
