package io.emojify.server;

import static io.emojify.server.TestServers.assertError;
import static io.emojify.server.TestServers.get;
import static io.emojify.server.TestServers.image;
import static io.emojify.server.TestServers.post;
import static io.emojify.server.TestServers.raw;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.emojify.Emojify;
import io.emojify.emotion.Emotion;
import io.emojify.server.TestServers.Response;
import io.emojify.testing.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTP API over a stand-in detector (one face in the middle) and classifier: answers to good images, and a 4xx
 * status with a JSON error body for each kind of bad input.
 */
class ApiTest {

    /** A small limit, so that going over it is cheap. */
    private static final long MAX_BYTES = 1 << 20;

    private static Emojify emojify;
    private static EmojifyServer server;

    @BeforeAll
    static void start() {
        emojify = TestServers.emojify(new TestServers.GatedDetector());
        server = EmojifyServer.start(emojify, TestServers.loopback(ServerSettings.DEFAULT.withMaxBodyBytes(MAX_BYTES)));
    }

    @AfterAll
    static void stop() {
        server.close();
        emojify.close();
    }

    @Test
    void analyzeAnswersTheFacesAsJson() {
        Response r = post(server, "/v1/analyze", "image/jpeg", null, image(320, 240, "jpeg"));
        assertEquals(200, r.status(), r.text());
        JsonObject o = r.json();
        assertEquals(320, o.get("width").getAsInt());
        assertEquals(240, o.get("height").getAsInt());
        assertEquals(1, o.getAsJsonArray("faces").size());
        JsonObject face = o.getAsJsonArray("faces").get(0).getAsJsonObject();
        assertEquals(120, face.getAsJsonObject("box").get("width").getAsDouble(), 1e-9);
        assertEquals(5, face.getAsJsonArray("landmarks").size());
        assertEquals(Emotion.values().length, face.getAsJsonObject("probabilities").size());
        String emotion = face.get("emotion").getAsString();
        assertTrue(emotion.equals("happy") || emotion.equals("sad"), emotion);
        assertTrue(face.getAsJsonObject("emoji").get("codepoint").getAsString().startsWith("U+1F"), face.toString());
        assertTrue(!o.has("file"), "no file name for an upload");
    }

    @Test
    void emojifyAnswersPngByDefaultAndJpegWhenAsked() throws IOException {
        byte[] png = image(200, 150, "png");
        Response asPng = post(server, "/v1/emojify?mode=badge", "image/png", null, png);
        assertEquals(200, asPng.status(), asPng.text());
        assertTrue(asPng.headers().contains("content-type: image/png"), asPng.headers());
        assertTrue(asPng.headers().contains("x-emojify-faces: 1"), asPng.headers());
        BufferedImage drawn = ImageIO.read(new ByteArrayInputStream(asPng.body()));
        assertEquals(200, drawn.getWidth());
        assertEquals(150, drawn.getHeight());
        BufferedImage original = ImageIO.read(new ByteArrayInputStream(png));
        assertTrue(!Arrays.equals(TestImages.pixels(original), TestImages.pixels(drawn)), "an emoji was drawn");

        Response asJpeg = post(server, "/v1/emojify", "image/png", "image/png;q=0.5, image/jpeg", png);
        assertEquals(200, asJpeg.status());
        assertTrue(asJpeg.headers().contains("content-type: image/jpeg"), asJpeg.headers());
        assertArrayEquals(new byte[] {(byte) 0xFF, (byte) 0xD8}, Arrays.copyOf(asJpeg.body(), 2));
    }

    @Test
    void truncatedUploadIs400WithTheLibrarysMessage() {
        byte[] jpeg = image(320, 240, "jpeg");
        Response r = post(server, "/v1/analyze", "image/jpeg", null, Arrays.copyOf(jpeg, jpeg.length / 2));
        assertError(r, 400, "truncated JPEG");
    }

    @Test
    void notAnImageIs400() {
        Response r = post(server, "/v1/analyze", "image/png", null, "hello, not a picture".getBytes());
        assertError(r, 400, "not an image in a known format");
    }

    @Test
    void wrongContentTypesAre415() {
        for (String type : new String[] {"text/plain", "application/json", "multipart/form-data; boundary=x",
            "application/x-www-form-urlencoded"}) {
            Response r = post(server, "/v1/emojify", type, null, image(64, 64, "png"));
            assertError(r, 415, "is not an image");
        }
    }

    @Test
    void declaredLengthOverTheLimitIs413BeforeTheBodyIsSent() {
        Response r = raw(server, "POST /v1/analyze HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: image/jpeg\r\n"
                + "Content-Length: 5000000000", new byte[0], false);
        assertEquals(413, r.status());
        assertEquals("the body is 5000000000 bytes, over the limit of " + MAX_BYTES + " bytes", r.error());
    }

    @Test
    void streamedBodyOverTheLimitIs413() {
        byte[] big = new byte[(int) MAX_BYTES + 100];
        HttpRequest req = HttpRequest.newBuilder(server.uri().resolve("/v1/analyze"))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build();
        Response r = TestServers.send(req); // no Content-Length: sent chunked
        assertError(r, 413, "over the limit of " + MAX_BYTES + " bytes");
    }

    @Test
    void pngDeclaring40000x40000IsRefusedBeforeDecoding() {
        Response r = post(server, "/v1/analyze", "image/png", null, pngHeader(40000, 40000));
        assertError(r, 413, "declares 40000x40000 pixels, over the limit");
    }

    @Test
    void emptyBodyIs400() {
        Response r = post(server, "/v1/analyze", "image/jpeg", null, new byte[0]);
        assertEquals(400, r.status());
        assertEquals("empty body: send the image's bytes as the body", r.error());
    }

    @Test
    void clientGivingUpMidUploadIs400AndTheServerGoesOn() {
        byte[] part = Arrays.copyOf(image(320, 240, "png"), 1000);
        Response r = raw(server, "POST /v1/analyze HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: image/png\r\n"
                + "Content-Length: 100000", part, true);
        assertError(r, 400, "the upload was cut off after 1000 of 100000 bytes");
        assertEquals(200, get(server, "/health").status());
    }

    @Test
    void unknownModeIs400AndUnacceptableAcceptIs406() {
        Response mode = post(server, "/v1/emojify?mode=sparkles", "image/png", null, image(64, 64, "png"));
        assertEquals(400, mode.status());
        assertEquals("unknown mode 'sparkles'; use replace, badge or boxes", mode.error());
        Response accept = post(server, "/v1/emojify", "image/png", "application/json", image(64, 64, "png"));
        assertError(accept, 406, "neither image/png nor image/jpeg");
    }

    @Test
    void unknownPathsAndMethodsAreJsonErrors() {
        Response path = get(server, "/v2/nothing");
        assertError(path, 404, "/openapi.json");
        Response method = get(server, "/v1/analyze");
        assertError(method, 405, "GET is not allowed");
    }

    @Test
    void healthMetricsOpenApiAndThePageAreServed() {
        Response health = get(server, "/health");
        assertEquals(200, health.status());
        assertEquals("ok", health.json().get("status").getAsString());
        post(server, "/v1/analyze", "text/plain", null, new byte[] {1});
        JsonObject m = get(server, "/metrics.json").json();
        assertTrue(m.get("requests").getAsLong() >= 1, m.toString());
        assertTrue(m.get("errors").getAsLong() >= 1, m.toString());
        for (String p : new String[] {"p50", "p90", "p99"}) {
            assertTrue(m.getAsJsonObject("latencyMs").has(p), m.toString());
        }
        assertTrue(m.has("facesPerSecond"), m.toString());
        JsonObject api = JsonParser.parseString(get(server, "/openapi.json").text()).getAsJsonObject();
        assertTrue(api.getAsJsonObject("paths").has("/v1/analyze"), "OpenAPI lists /v1/analyze");
        assertTrue(api.getAsJsonObject("paths").has("/v1/emojify"), "OpenAPI lists /v1/emojify");
        Response page = get(server, "/");
        assertEquals(200, page.status());
        assertTrue(page.text().contains("<script src=\"live.js\">"), "the page loads its script");
        assertTrue(get(server, "/live.js").text().contains("/v1/live"), "the script streams to /v1/live");
    }

    /** A small PNG whose header is changed to declare another size (its CRC mended): a decompression bomb. */
    static byte[] pngHeader(int width, int height) {
        byte[] png = image(8, 8, "png");
        ByteBuffer b = ByteBuffer.wrap(png);
        b.putInt(16, width);
        b.putInt(20, height); // IHDR width and height
        CRC32 crc = new CRC32();
        crc.update(png, 12, 17);
        b.putInt(29, (int) crc.getValue());
        return png;
    }
}
