package io.emojify.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.emojify.Emojify;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.awt.image.BufferedImage;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The live WebSocket: each frame is answered with its tracked faces (text) and then the drawn frame (JPEG). */
class LiveSocketTest {

    /** Collects whole messages: text as String, binary as byte[]. */
    static final class Collector implements WebSocket.Listener {
        final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                messages.add(text.toString());
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            binary.write(b, 0, b.length);
            if (last) {
                messages.add(binary.toByteArray());
                binary.reset();
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            messages.add("closed " + status + " " + reason);
            return null;
        }
    }

    @Test
    void framesAreAnsweredWithTrackedFacesThenTheDrawnFrame() throws Exception {
        try (Emojify emojify = TestServers.emojify(new TestServers.GatedDetector());
                EmojifyServer server = EmojifyServer.start(emojify, TestServers.loopback(ServerSettings.DEFAULT))) {
            Collector c = new Collector();
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(TestServers.ws(server, "/v1/live?mode=badge"), c).join();
            for (int frame = 1; frame <= 3; frame++) {
                ws.sendBinary(ByteBuffer.wrap(TestServers.image(320, 240, "jpeg")), true).join();
                JsonObject meta = JsonParser.parseString((String) c.messages.take()).getAsJsonObject();
                assertEquals(frame, meta.get("frame").getAsInt(), meta.toString());
                assertEquals(1, meta.getAsJsonArray("faces").size(), meta.toString());
                JsonObject face = meta.getAsJsonArray("faces").get(0).getAsJsonObject();
                assertEquals(1, face.get("track").getAsInt(), "the same face keeps its track: " + meta);
                assertEquals(0, face.getAsJsonObject("velocity").get("x").getAsDouble(), 1e-9, "a face that stays: "
                        + meta);
                BufferedImage drawn = ImageIO.read(new ByteArrayInputStream((byte[]) c.messages.take()));
                assertEquals(320, drawn.getWidth());
            }
            ws.sendBinary(ByteBuffer.wrap("not a picture".getBytes()), true).join();
            JsonObject error = JsonParser.parseString((String) c.messages.take()).getAsJsonObject();
            assertTrue(error.get("error").getAsString().contains("not an image"), error.toString());
            assertEquals(1, TestServers.get(server, "/metrics").json().getAsJsonObject("live").get("connections")
                    .getAsInt());
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        }
    }

    @Test
    void unknownModeClosesTheConnectionWithTheReason() throws Exception {
        try (Emojify emojify = TestServers.emojify(new TestServers.GatedDetector());
                EmojifyServer server = EmojifyServer.start(emojify, TestServers.loopback(ServerSettings.DEFAULT))) {
            Collector c = new Collector();
            HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(TestServers.ws(server, "/v1/live?mode=x"), c)
                    .join();
            assertEquals("closed 1008 unknown mode 'x'; use replace, badge or boxes", c.messages.take());
        }
    }
}
