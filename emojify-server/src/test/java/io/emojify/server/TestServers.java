package io.emojify.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.emojify.Emojify;
import io.emojify.face.Face;
import io.emojify.face.FaceDetector;
import io.emojify.testing.FixedFaceDetector;
import io.emojify.testing.MeanBrightnessClassifier;
import io.emojify.testing.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import javax.imageio.ImageIO;

/** Servers over a stand-in detector and classifier (no models needed), and the HTTP calls the tests make. */
final class TestServers {

    private TestServers() {}

    /** A detector that finds one face in the middle and, once armed, waits for a release before answering. */
    static final class GatedDetector implements FaceDetector {
        private final FixedFaceDetector faces = new FixedFaceDetector();
        volatile CountDownLatch entered = new CountDownLatch(0);
        volatile CountDownLatch release = new CountDownLatch(0);

        /** From now on, detections signal {@link #entered} and wait for {@link #release}. */
        void arm() {
            entered = new CountDownLatch(1);
            release = new CountDownLatch(1);
        }

        @Override
        public List<Face> detect(BufferedImage image) {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return faces.detect(image);
        }
    }

    /**
     * @param detector the stand-in detector
     * @return an instance with it and the mean-brightness classifier
     */
    static Emojify emojify(FaceDetector detector) {
        return Emojify.builder().optFaceDetector(detector).optEmotionClassifier(new MeanBrightnessClassifier()).build();
    }

    /**
     * @param settings the limits
     * @return the settings on a free loopback port
     */
    static ServerSettings loopback(ServerSettings settings) {
        return settings.withHost("127.0.0.1").withPort(0);
    }

    /**
     * @param width the width
     * @param height the height
     * @param format "jpeg" or "png"
     * @return a synthetic scene, encoded
     */
    static byte[] image(int width, int height, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(TestImages.scene(BufferedImage.TYPE_INT_RGB, width, height), format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * @param width the width
     * @param height the height
     * @return random pixels as JPEG: a frame that compresses badly (about 180 KB at 640x480), as does its drawn copy
     */
    static byte[] noise(int width, int height) {
        BufferedImage noise = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(1);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                noise.setRGB(x, y, random.nextInt());
            }
        }
        return Http.encode(noise, Http.JPEG);
    }

    /** An HTTP response: status, headers as received, body. */
    record Response(int status, String headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonObject json() {
            return JsonParser.parseString(text()).getAsJsonObject();
        }

        /** @return the {@code error} of a JSON error body, after checking the body is one */
        String error() {
            assertEquals(true, headers.toLowerCase().contains("content-type: application/json"), headers);
            return json().get("error").getAsString();
        }
    }

    /**
     * Checks a refusal: its status, and a JSON error body that contains a text.
     *
     * @param r the response
     * @param status the status expected
     * @param part what the error must contain
     */
    static void assertError(Response r, int status, String part) {
        assertEquals(status, r.status(), r.text());
        assertEquals(true, r.error().contains(part), r.error());
    }

    /**
     * Posts a body with {@link HttpClient}.
     *
     * @param server the server
     * @param path e.g. {@code /v1/analyze?mode=badge}
     * @param type the Content-Type
     * @param accept the Accept header, or null
     * @param body the body
     * @return the response
     */
    static Response post(EmojifyServer server, String path, String type, String accept, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri().resolve(path)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (accept != null) {
            b.header("Accept", accept);
        }
        return send(b.build());
    }

    /**
     * @param server the server
     * @param path the path
     * @return the response to a GET
     */
    static Response get(EmojifyServer server, String path) {
        return send(HttpRequest.newBuilder(server.uri().resolve(path)).GET().build());
    }

    static Response send(HttpRequest request) {
        try {
            HttpResponse<byte[]> r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
            StringBuilder headers = new StringBuilder();
            r.headers().map().forEach((k, v) -> headers.append(k).append(": ").append(String.join(",", v))
                    .append("\r\n"));
            return new Response(r.statusCode(), headers.toString(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends a request byte for byte over a socket (for what {@link HttpClient} will not send: a false Content-Length, a
     * body cut short), optionally half-closing the connection after it, and reads the response to its end.
     *
     * @param server the server
     * @param head the request line and headers, without the blank line that ends them
     * @param body the bytes sent after the headers
     * @param halfClose whether to close the sending side after the body (the client gives up mid-upload)
     * @return the response
     */
    static Response raw(EmojifyServer server, String head, byte[] body, boolean halfClose) {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream out = s.getOutputStream();
            out.write((head + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            if (halfClose) {
                s.shutdownOutput();
            }
            InputStream in = s.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            while (!received.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int c = in.read();
                if (c < 0) {
                    throw new IOException("the connection closed before the response's headers ended: " + received);
                }
                received.write(c);
            }
            String headers = received.toString(StandardCharsets.ISO_8859_1);
            java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)")
                    .matcher(headers);
            // read by the declared length, not to the end of the connection, which the server may keep open
            byte[] rest = length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : in.readAllBytes();
            if (headers.toLowerCase().contains("transfer-encoding: chunked")) {
                rest = dechunk(rest);
            }
            int status = Integer.parseInt(headers.substring(9, 12));
            return new Response(status, headers, rest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < chunked.length) {
            int lineEnd = i;
            while (chunked[lineEnd] != '\r') {
                lineEnd++;
            }
            int size = Integer.parseInt(new String(chunked, i, lineEnd - i, StandardCharsets.ISO_8859_1).trim(), 16);
            if (size == 0) {
                break;
            }
            out.write(chunked, lineEnd + 2, size);
            i = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    /** @return the URI of a path on the server, for a WebSocket ({@code ws:}) */
    static URI ws(EmojifyServer server, String path) {
        return URI.create("ws://127.0.0.1:" + server.port() + path);
    }
}
