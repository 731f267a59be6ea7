package io.emojify.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A headless Chromium driven over the Chrome DevTools protocol (a WebSocket, with the JDK's client): opens a page with
 * a fake camera playing a Y4M file, evaluates JavaScript in it, takes screenshots. Tests that need it are skipped, with a
 * message, where no Chromium is installed.
 */
final class Chromium implements AutoCloseable {

    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");

    private final Process process;
    private final Path profile;
    private final WebSocket devtools;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();

    private Chromium(Process process, Path profile, WebSocket devtools) {
        this.process = process;
        this.profile = profile;
        this.devtools = devtools;
    }

    /**
     * Finds Chromium ({@code -Dchromium=PATH}, else {@code chromium} or {@code google-chrome} on the PATH), or skips the
     * calling test.
     *
     * @return the executable
     */
    static Path require() {
        String given = System.getProperty("chromium");
        if (given != null && !given.isBlank()) {
            return Path.of(given);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            for (String name : NAMES) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        assumeTrue(false, "Skipped: no Chromium found (install it with apt-get install -y chromium, or give "
                + "-Dchromium=PATH)");
        return null;
    }

    /**
     * Starts Chromium headless on a page, with a fake camera that plays a clip.
     *
     * @param executable Chromium
     * @param url the page
     * @param camera a Y4M clip, played in a loop as the camera
     * @param work a folder for the browser's profile and log
     * @return the browser, attached to the page
     */
    static Chromium open(Path executable, URI url, Path camera, Path work) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(work, "chromium-profile");
        Path log = work.resolve("chromium.log");
        List<String> cmd = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--remote-debugging-port=0",
                "--remote-allow-origins=*", "--window-size=1400,1000", "--use-fake-ui-for-media-stream",
                "--use-fake-device-for-media-stream", "--use-file-for-fake-video-capture=" + camera,
                "--autoplay-policy=no-user-gesture-required", url.toString()));
        Process process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Path portFile = profile.resolve("DevToolsActivePort");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.isRegularFile(portFile) || Files.readAllLines(portFile).isEmpty()) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("Chromium did not start: " + Files.readString(log));
                }
                Thread.sleep(100);
            }
            int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
            String wsUrl = null;
            while (wsUrl == null) {
                HttpResponse<String> list = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                        HttpResponse.BodyHandlers.ofString());
                for (JsonElement e : JsonParser.parseString(list.body()).getAsJsonArray()) {
                    JsonObject target = e.getAsJsonObject();
                    if ("page".equals(target.get("type").getAsString())) {
                        wsUrl = target.get("webSocketDebuggerUrl").getAsString();
                    }
                }
                if (wsUrl == null) {
                    Thread.sleep(100);
                }
            }
            Chromium[] self = new Chromium[1];
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(wsUrl),
                    new WebSocket.Listener() {
                        private final StringBuilder text = new StringBuilder();

                        @Override
                        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                            text.append(data);
                            if (last) {
                                self[0].answer(JsonParser.parseString(text.toString()).getAsJsonObject());
                                text.setLength(0);
                            }
                            w.request(1);
                            return null;
                        }
                    }).join();
            self[0] = new Chromium(process, profile, ws);
            return self[0];
        } catch (IOException | InterruptedException | RuntimeException e) {
            stop(process);
            throw e;
        }
    }

    private void answer(JsonObject message) {
        if (message.has("id")) {
            CompletableFuture<JsonObject> f = pending.remove(message.get("id").getAsInt());
            if (f != null) {
                f.complete(message);
            }
        }
    }

    /**
     * Calls a DevTools method.
     *
     * @param method e.g. {@code Runtime.evaluate}
     * @param params its parameters
     * @return its result
     */
    JsonObject call(String method, JsonObject params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonObject> f = new CompletableFuture<>();
        pending.put(id, f);
        JsonObject msg = new JsonObject();
        msg.addProperty("id", id);
        msg.addProperty("method", method);
        msg.add("params", params);
        devtools.sendText(msg.toString(), true).join();
        JsonObject answer = f.orTimeout(60, TimeUnit.SECONDS).join();
        if (answer.has("error")) {
            throw new IllegalStateException(method + ": " + answer.get("error"));
        }
        return answer.getAsJsonObject("result");
    }

    /**
     * Evaluates JavaScript in the page (awaiting a promise) and returns its value as JSON.
     *
     * @param expression the expression; its value must be JSON-serialisable
     * @return the value
     */
    JsonElement eval(String expression) {
        JsonObject params = new JsonObject();
        params.addProperty("expression", "(async () => JSON.stringify(await (" + expression + ")))()");
        params.addProperty("awaitPromise", true);
        params.addProperty("returnByValue", true);
        JsonObject result = call("Runtime.evaluate", params).getAsJsonObject("result");
        if (!result.has("value")) {
            throw new IllegalStateException("evaluating " + expression + " gave " + result);
        }
        return JsonParser.parseString(result.get("value").getAsString());
    }

    /**
     * Takes a screenshot of the page.
     *
     * @param file where to write the PNG
     */
    void screenshot(Path file) throws IOException {
        JsonObject params = new JsonObject();
        params.addProperty("format", "png");
        String data = call("Page.captureScreenshot", params).get("data").getAsString();
        Files.write(file, Base64.getDecoder().decode(data.getBytes(StandardCharsets.US_ASCII)));
    }

    /** Stops the browser and its helper processes, and deletes its profile. */
    @Override
    public void close() throws IOException {
        devtools.abort();
        stop(process);
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static void stop(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
