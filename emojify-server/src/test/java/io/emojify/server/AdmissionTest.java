package io.emojify.server;

import static io.emojify.server.TestServers.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.emojify.Emojify;
import io.emojify.server.TestServers.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * Who a server admits, on a real server on a loopback port: the {@code Origin} check (HTTP and the WebSocket upgrade),
 * the {@code Host} check, the token, and the refusal to listen beyond loopback without one.
 */
class AdmissionTest {

    private static final String TOKEN = "s3cret-token-for-the-tests-0123";

    private static EmojifyServer start(Emojify emojify, AccessSettings access) {
        return EmojifyServer.start(emojify, TestServers.loopback(ServerSettings.DEFAULT).withAccess(access));
    }

    private static Response analyze(EmojifyServer server, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri().resolve("/v1/analyze"))
                .header("Content-Type", "image/jpeg")
                .POST(HttpRequest.BodyPublishers.ofByteArray(TestServers.image(160, 120, "jpeg")));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return TestServers.send(b.build());
    }

    /** Opens the live WebSocket with these headers and subprotocols, sends one frame and returns its answer. */
    private static JsonObject liveFrame(EmojifyServer server, List<String> protocols, String... headers)
            throws InterruptedException {
        LiveSocketTest.Collector c = new LiveSocketTest.Collector();
        WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        if (!protocols.isEmpty()) {
            b.subprotocols(protocols.get(0), protocols.subList(1, protocols.size()).toArray(new String[0]));
        }
        WebSocket ws = b.buildAsync(TestServers.ws(server, "/v1/live"), c).join();
        ws.sendBinary(ByteBuffer.wrap(TestServers.image(160, 120, "jpeg")), true).join();
        JsonObject answer = JsonParser.parseString((String) c.messages.take()).getAsJsonObject();
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        return answer;
    }

    /** @return the HTTP status with which the upgrade to the live WebSocket was refused */
    private static int refusedUpgrade(EmojifyServer server, List<String> protocols, String... headers) {
        CompletionException e = assertThrows(CompletionException.class, () -> liveFrame(server, protocols, headers));
        assertTrue(e.getCause() instanceof WebSocketHandshakeException, e.toString());
        return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
    }

    @Test
    void aForeignOriginIsRefusedWhileTheServersOwnAndAllowedOnesAndNoneAreAdmitted() throws Exception {
        try (Emojify emojify = TestServers.emojify(new TestServers.GatedDetector());
                EmojifyServer server = start(emojify, AccessSettings.LOCAL.withAllowedOrigins(
                        List.of("https://app.example.com")))) {
            String own = "http://127.0.0.1:" + server.port();
            assertError(analyze(server, "Origin", "http://evil.example"), 403, "Origin 'http://evil.example'");
            assertError(analyze(server, "Origin", "null"), 403, "may not call this server");
            assertEquals(403, refusedUpgrade(server, List.of(), "Origin", "http://evil.example"));
            assertEquals(403, refusedUpgrade(server, List.of(), "Origin", own.replace("127.0.0.1", "localhost")
                    .replace(":" + server.port(), ":1")), "another port is another origin");

            assertEquals(200, analyze(server, "Origin", own).status(), "the server's own page");
            assertEquals(1, liveFrame(server, List.of(), "Origin", own).getAsJsonArray("faces").size());
            assertEquals(200, analyze(server).status(), "no Origin: curl, SDKs");
            assertEquals(1, liveFrame(server, List.of()).getAsJsonArray("faces").size());

            assertEquals(1, liveFrame(server, List.of(), "Origin", "https://app.example.com").getAsJsonArray("faces")
                    .size(), "an allowed origin's page");
            Response allowed = analyze(server, "Origin", "https://app.example.com");
            assertEquals(200, allowed.status());
            assertTrue(allowed.headers().contains("access-control-allow-origin: https://app.example.com"),
                    allowed.headers());
            Response preflight = TestServers.send(HttpRequest.newBuilder(server.uri().resolve("/v1/analyze"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://app.example.com")
                    .header("Access-Control-Request-Method", "POST").build());
            assertEquals(204, preflight.status(), preflight.text());
            assertTrue(preflight.headers().contains("access-control-allow-headers: Authorization"),
                    preflight.headers());

            String metrics = TestServers.get(server, "/metrics").text();
            assertTrue(metrics.contains("emojify_refused_total{reason=\"origin\"} 4.0"), metrics);
        }
        try (Emojify emojify = TestServers.emojify(new TestServers.GatedDetector());
                EmojifyServer server = start(emojify, AccessSettings.LOCAL.withAllowedOrigins(List.of("*")))) {
            assertEquals(200, analyze(server, "Origin", "http://evil.example").status(), "* admits every origin");
        }
    }

    @Test
    void aForeignHostIsRefusedOnLoopbackUnlessAllowed() throws Exception {
        try (Emojify emojify = TestServers.emojify(new TestServers.GatedDetector());
                EmojifyServer server = start(emojify, AccessSettings.LOCAL.withAllowedHosts(List.of("emojify.lan")))) {
            Response rebound = TestServers.raw(server, "GET /health HTTP/1.1\r\nHost: evil.example:" + server.port(),
                    new byte[0], false);
            assertError(rebound, 403, "Host 'evil.example:" + server.port() + "' does not name this server");
            for (String host : new String[] {"localhost:" + server.port(), "127.0.0.1:" + server.port(),
                "127.0.0.2", "[::1]:" + server.port(), "emojify.lan", "EMOJIFY.LAN:443"}) {
                Response r = TestServers.raw(server, "GET /health HTTP/1.1\r\nHost: " + host, new byte[0], false);
                assertEquals(200, r.status(), host + ": " + r.text());
            }
            assertEquals(403, handshakeStatus(server, "evil.example:" + server.port()), "the WebSocket too");
            assertEquals(101, handshakeStatus(server, "localhost:" + server.port()));
        }
    }

    @Test
    void beyondLoopbackTheHostIsCheckedOnlyWhenNamesAreAllowed() throws Exception {
        ServerSettings everywhere = ServerSettings.DEFAULT.withHost("0.0.0.0").withPort(0);
        try (Emojify emojify = TestServers.emojify(new TestServers.GatedDetector());
                EmojifyServer open = EmojifyServer.start(emojify, everywhere.withAccess(AccessSettings.LOCAL
                        .withToken(TOKEN)));
                EmojifyServer named = EmojifyServer.start(emojify, everywhere.withAccess(AccessSettings.LOCAL
                        .withToken(TOKEN).withAllowedHosts(List.of("emojify.lan"))))) {
            assertEquals(200, TestServers.raw(open, "GET /health HTTP/1.1\r\nHost: 192.0.2.7:8080", new byte[0], false)
                    .status(), "any name: a LAN address");
            assertError(TestServers.raw(named, "GET /health HTTP/1.1\r\nHost: 192.0.2.7:8080", new byte[0], false), 403,
                    "serve --allow-host NAME");
            assertEquals(200, TestServers.raw(named, "GET /health HTTP/1.1\r\nHost: emojify.lan", new byte[0], false)
                    .status());
        }
    }

    @Test
    void withATokenTheApiAndMetricsRequireItWhileHealthAndThePageStayOpen() throws Exception {
        try (Emojify emojify = TestServers.emojify(new TestServers.GatedDetector());
                EmojifyServer server = start(emojify, AccessSettings.LOCAL.withToken(TOKEN))) {
            Response missing = analyze(server);
            assertError(missing, 401, "requires its token");
            assertTrue(missing.headers().contains("www-authenticate: Bearer"), missing.headers());
            assertError(analyze(server, "Authorization", "Bearer " + TOKEN + "x"), 401, "wrong token");
            assertError(analyze(server, "Authorization", "Basic " + TOKEN), 401, "requires its token");
            assertEquals(200, analyze(server, "Authorization", "Bearer " + TOKEN).status());
            assertEquals(200, analyze(server, "Authorization", "bearer  " + TOKEN).status(), "the scheme's case");

            assertEquals(401, TestServers.get(server, "/metrics").status());
            assertEquals(401, TestServers.get(server, "/metrics.json").status());
            assertEquals(200, TestServers.send(HttpRequest.newBuilder(server.uri().resolve("/metrics"))
                    .header("Authorization", "Bearer " + TOKEN).build()).status());
            assertEquals(200, TestServers.get(server, "/health").status(), "open for load balancers");
            assertEquals(200, TestServers.get(server, "/").status(), "the page itself is open");
            assertEquals(200, TestServers.get(server, "/openapi.json").status());

            assertEquals(401, refusedUpgrade(server, List.of()));
            assertEquals(401, refusedUpgrade(server, List.of("emojify", "emojify-token.wrong-token-0123456789")));
            JsonObject bySubprotocol = liveFrame(server, List.of("emojify", "emojify-token." + TOKEN));
            assertEquals(1, bySubprotocol.getAsJsonArray("faces").size(), "the page's way: " + bySubprotocol);
            JsonObject byHeader = liveFrame(server, List.of(), "Authorization", "Bearer " + TOKEN);
            assertEquals(1, byHeader.getAsJsonArray("faces").size(), "a program's way: " + byHeader);

            assertEquals(server.uri() + "#token=" + TOKEN, server.pageUri().toString());
        }
    }

    @Test
    void listeningBeyondLoopbackNeedsATokenOrAnExplicitOpening() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ServerSettings everywhere = ServerSettings.DEFAULT.withHost("0.0.0.0").withPort(port);
        try (Emojify emojify = TestServers.emojify(new TestServers.GatedDetector())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> EmojifyServer.start(emojify, everywhere));
            assertTrue(e.getMessage().startsWith("listening on 0.0.0.0 reaches beyond this machine"), e.getMessage());
            assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close(), "nothing listens");
            assertTrue(ServerSettings.DEFAULT.listensOnLoopback());
            assertTrue(ServerSettings.DEFAULT.withHost("localhost").listensOnLoopback());
            assertTrue(!everywhere.listensOnLoopback());
            everywhere.withAccess(AccessSettings.LOCAL.withToken(TOKEN)).checkExposure();
            everywhere.withAccess(AccessSettings.LOCAL.withOpenWithoutToken()).checkExposure();
        }
    }

    @Test
    void badAccessSettingsAreRefusedInOneLineWithoutShowingTheToken() {
        IllegalArgumentException shortToken = assertThrows(IllegalArgumentException.class,
                () -> AccessSettings.LOCAL.withToken("short"));
        assertEquals("the token must be at least 16 characters of A-Z, a-z, 0-9, '-', '_', '.' and '~' (it travels in "
                + "a URL fragment and a WebSocket subprotocol); the one given has 5 characters", shortToken.getMessage());
        IllegalArgumentException spaces = assertThrows(IllegalArgumentException.class,
                () -> AccessSettings.LOCAL.withToken("a token with spaces in it"));
        assertTrue(!spaces.getMessage().contains("spaces in it"), spaces.getMessage());
        IllegalArgumentException origin = assertThrows(IllegalArgumentException.class,
                () -> AccessSettings.LOCAL.withAllowedOrigins(List.of("https://app.example.com/path")));
        assertTrue(origin.getMessage().startsWith("allowed origin 'https://app.example.com/path' is not an origin"),
                origin.getMessage());
        assertEquals(List.of("https://app.example.com", "http://localhost:3000"), AccessSettings.LOCAL
                .withAllowedOrigins(List.of("HTTPS://App.Example.com:443/", "http://localhost:3000")).allowedOrigins());
        assertTrue(!AccessSettings.LOCAL.withToken(TOKEN).toString().contains(TOKEN), "toString hides the token");
        String generated = AccessSettings.generateToken();
        assertEquals(43, generated.length());
        assertTrue(!generated.equals(AccessSettings.generateToken()));
        AccessSettings.LOCAL.withToken(generated); // a generated token is a valid one
    }

    /** Sends a WebSocket upgrade with this Host header over a socket; returns the status of the answer. */
    private static int handshakeStatus(EmojifyServer server, String host) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("GET /v1/live HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] line = new byte[12];
            int n = in.readNBytes(line, 0, 12);
            return Integer.parseInt(new String(line, 9, Math.min(3, n - 9), StandardCharsets.ISO_8859_1));
        }
    }
}
