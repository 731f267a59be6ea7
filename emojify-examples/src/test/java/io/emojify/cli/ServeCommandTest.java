package io.emojify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code emojify serve}: its arguments, and a child JVM serving until SIGTERM stops it gracefully. */
class ServeCommandTest {

    @Test
    void badArgumentsExitWith2AndSaySo() {
        Cli.Result r = Cli.run("serve", "--port", "70000");
        assertEquals(2, r.code(), r.toString());
        assertEquals(List.of("emojify: port must be 0 to 65535, was 70000"), r.messages());
        Cli.Result workers = Cli.run("serve", "--workers", "0");
        assertEquals(2, workers.code(), workers.toString());
        assertEquals(List.of("emojify: workers must be at least 1, was 0"), workers.messages());
    }

    @Test
    void servesUntilSigtermThenStopsGracefully(@TempDir Path dir) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = dir.resolve("serve.log");
        // --whole-face: no detector weights needed, so the test runs anywhere
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "-Dai.djl.offline=true", EmojifyCommand.class.getName(), "serve", "--port", "0", "--whole-face")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Pattern serving = Pattern.compile("emojify: serving on (http://\\S+/) ");
            URI uri = null;
            while (uri == null && p.isAlive()) {
                Matcher m = serving.matcher(Files.readString(log));
                if (m.find()) {
                    uri = URI.create(m.group(1));
                } else {
                    Thread.sleep(100);
                }
            }
            assertTrue(uri != null, "the command says where it serves:\n" + Files.readString(log));
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(uri.resolve("/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            assertTrue(health.body().contains("\"faceDetector\":\"whole image\""), health.body());

            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the server stops");
            String out = Files.readString(log);
            assertTrue(out.contains("EmojifyServer - Stopped"), "it stopped through close():\n" + out);
        } finally {
            p.destroyForcibly();
        }
    }
}
