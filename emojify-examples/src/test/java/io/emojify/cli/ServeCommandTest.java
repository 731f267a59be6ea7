package io.emojify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code emojify serve}: its arguments, the refusal to listen beyond loopback without a token, and a child JVM serving
 * (with a token from the environment, or none) until SIGTERM stops it gracefully.
 */
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
    void listeningBeyondLoopbackWithoutATokenExits2BeforeListening() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Cli.Result r = Cli.run("serve", "--host", "0.0.0.0", "--port", Integer.toString(port), "--whole-face");
        assertEquals(2, r.code(), r.toString());
        assertEquals(List.of("emojify: listening on 0.0.0.0 reaches beyond this machine, so a token is needed: give one "
                + "(serve --token-file FILE, EMOJIFY_TOKEN or --generate-token) or allow every caller explicitly "
                + "(serve --no-token)"), r.messages());
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close(), "nothing listened");
    }

    @Test
    void contradictoryOrBadTokenOptionsExitWith2AndSaySo(@TempDir Path dir) throws Exception {
        Cli.Result both = Cli.run("serve", "--no-token", "--generate-token");
        assertEquals(2, both.code(), both.toString());
        assertEquals(List.of("emojify: --no-token contradicts --generate-token: give one"), both.messages());
        Path missing = dir.resolve("missing.txt");
        Cli.Result noFile = Cli.run("serve", "--token-file", missing.toString());
        assertEquals(List.of("emojify: cannot read the token file " + missing + ": no such file"), noFile.messages());
        Path shortToken = Files.writeString(dir.resolve("token.txt"), "short\n");
        Cli.Result tooShort = Cli.run("serve", "--token-file", shortToken.toString());
        assertEquals(2, tooShort.code(), tooShort.toString());
        assertTrue(tooShort.messages().get(0).startsWith("emojify: the token file " + shortToken + ": the token must be "
                + "at least 16 characters"), tooShort.toString());
        Cli.Result origin = Cli.run("serve", "--allow-origin", "example.com");
        assertEquals(2, origin.code(), origin.toString());
        assertTrue(origin.messages().get(0).startsWith("emojify: allowed origin 'example.com' is not an origin"),
                origin.toString());
    }

    @Test
    void servesUntilSigtermThenStopsGracefully(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("serve.log");
        Process p = serve(log, Map.of());
        try {
            URI uri = servingOn(p, log);
            assertTrue(uri.getFragment() == null, "no token on loopback by default: " + uri);
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(uri.resolve("/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            assertTrue(health.body().contains("\"faceDetector\":\"whole image\""), health.body());
            assertEquals(200, HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode(), "the live page opens at the printed URL");

            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the server stops");
            String out = Files.readString(log);
            assertTrue(out.contains("EmojifyServer - Stopped"), "it stopped through close():\n" + out);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void aTokenFromTheEnvironmentIsRequiredAndThePrintedUrlCarriesIt(@TempDir Path dir) throws Exception {
        String token = "a-token-from-the-environment-42";
        Path log = dir.resolve("serve.log");
        Process p = serve(log, Map.of("EMOJIFY_TOKEN", token));
        try {
            URI uri = servingOn(p, log);
            assertEquals("token=" + token, uri.getFragment(), uri.toString());
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest.Builder analyze = HttpRequest.newBuilder(uri.resolve("/v1/analyze"))
                    .header("Content-Type", "image/png").POST(HttpRequest.BodyPublishers.ofByteArray(png()));
            assertEquals(401, http.send(analyze.build(), HttpResponse.BodyHandlers.ofString()).statusCode());
            HttpResponse<String> ok = http.send(analyze.header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ok.statusCode(), ok.body());
            assertEquals(200, http.send(HttpRequest.newBuilder(uri.resolve("/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
        } finally {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aGeneratedTokenOrOneFromAFileIsCarriedInThePrintedUrl(@TempDir Path dir) throws Exception {
        Path tokenFile = Files.writeString(dir.resolve("token"), "token-from-a-file-0123456789\nsecond line\n");
        String[][] options = {{"--token-file", tokenFile.toString()}, {"--generate-token"}};
        for (String[] option : options) {
            Path log = dir.resolve(option[0].substring(2) + ".log");
            Process p = serve(log, Map.of(), option);
            try {
                URI uri = servingOn(p, log);
                String fragment = uri.getFragment();
                if (option.length == 2) {
                    assertEquals("token=token-from-a-file-0123456789", fragment, "the file's first line: " + uri);
                } else {
                    assertTrue(fragment != null && fragment.matches("token=[A-Za-z0-9_-]{43}"), uri.toString());
                }
                HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        uri.resolve("/metrics")).header("Authorization", "Bearer " + fragment.substring(6)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, metrics.statusCode(), "the printed token is the one required");
                assertEquals(401, HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri.resolve("/metrics"))
                        .build(), HttpResponse.BodyHandlers.ofString()).statusCode());
            } finally {
                p.destroyForcibly();
                p.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Starts {@code serve --port 0 --whole-face} in a child JVM (no detector weights needed: it runs anywhere), with
     * EMOJIFY_TOKEN only as given.
     */
    private static Process serve(Path log, Map<String, String> env, String... more) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-cp",
                System.getProperty("java.class.path"), "-Dai.djl.offline=true", EmojifyCommand.class.getName(), "serve",
                "--port", "0", "--whole-face"));
        cmd.addAll(List.of(more));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("EMOJIFY_TOKEN");
        pb.environment().putAll(env);
        return pb.start();
    }

    /** @return the URL the command printed, once it has */
    private static URI servingOn(Process p, Path log) throws Exception {
        Pattern serving = Pattern.compile("emojify: serving on (http://\\S+) ");
        while (p.isAlive()) {
            Matcher m = serving.matcher(Files.readString(log));
            if (m.find()) {
                return URI.create(m.group(1));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the command says where it serves:\n" + Files.readString(log));
    }

    private static byte[] png() throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(64, 64, java.awt.image.BufferedImage.TYPE_INT_RGB),
                "png", out);
        return out.toByteArray();
    }
}
