package io.emojify.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.emojify.Emojify;
import io.emojify.face.BoundingBox;
import io.emojify.face.Face;
import io.emojify.face.FaceDetector;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.awt.image.BufferedImage;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The live WebSocket: each frame is answered with its number and tracked faces, followed by the drawn frame when asked for;
 * a frame that waits is replaced by a newer one; each connection's session ends with it.
 */
class LiveSocketTest {

    /** Collects whole messages: text as String, binary as byte[]; the close as "closed CODE REASON", a failure as "failed". */
    static final class Collector implements WebSocket.Listener {
        final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
        private final boolean reading;

        /** A collector that reads from the start. */
        Collector() {
            this(true);
        }

        /**
         * @param reading whether to read from the start; if not, nothing is read (the socket's buffers fill and the
         *     server's answers pile up) until {@link WebSocket#request} is called
         */
        Collector(boolean reading) {
            this.reading = reading;
        }

        @Override
        public void onOpen(WebSocket ws) {
            if (reading) {
                ws.request(1);
            }
        }

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

        @Override
        public void onError(WebSocket ws, Throwable error) {
            messages.add("failed " + error);
        }
    }

    /** Opens a WebSocket to a path of the server whose messages go to a collector. */
    static WebSocket open(EmojifyServer server, String path, Collector c) {
        return HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(TestServers.ws(server, path), c).join();
    }

    /**
     * A server on a free loopback port over an instance with a given detector, and a WebSocket to one of its paths whose
     * messages a collector keeps; closing it stops the server and closes the instance.
     */
    static final class Connection implements AutoCloseable {
        final Emojify emojify;
        final EmojifyServer server;
        final Collector c = new Collector();
        final WebSocket ws;

        Connection(FaceDetector detector, String path) {
            emojify = TestServers.emojify(detector);
            try {
                server = EmojifyServer.start(emojify, TestServers.loopback(ServerSettings.DEFAULT));
            } catch (RuntimeException e) {
                emojify.close();
                throw e;
            }
            ws = open(server, path, c);
        }

        /** Sends a frame, whole. */
        void send(byte[] frame) {
            ws.sendBinary(ByteBuffer.wrap(frame), true).join();
        }

        /** The next message, a JSON answer. */
        JsonObject answer() throws InterruptedException {
            return JsonParser.parseString((String) c.messages.take()).getAsJsonObject();
        }

        @Override
        public void close() {
            try (emojify) {
                server.close();
            }
        }
    }

    @Test
    void framesAreAnsweredWithTheirNumberAndTrackedFaces() throws Exception {
        try (Connection live = new Connection(new TestServers.GatedDetector(), "/v1/live")) {
            for (int frame = 1; frame <= 3; frame++) {
                live.send(TestServers.image(320, 240, "jpeg"));
                JsonObject meta = live.answer();
                assertEquals(frame, meta.get("frame").getAsInt(), meta.toString());
                assertEquals(1, meta.getAsJsonArray("faces").size(), meta.toString());
                JsonObject face = meta.getAsJsonArray("faces").get(0).getAsJsonObject();
                assertEquals(1, face.get("track").getAsInt(), "the same face keeps its track: " + meta);
                assertEquals(0, face.get("missed").getAsInt(), meta.toString());
                assertTrue(face.getAsJsonObject("box").get("width").getAsDouble() > 0, meta.toString());
            }
            live.send("not a picture".getBytes());
            JsonObject error = live.answer();
            assertTrue(error.get("error").getAsString().contains("not an image"), error.toString());
            assertEquals(4, error.get("frame").getAsInt(), "an error names its frame: " + error);
            assertTrue(live.c.messages.poll(300, TimeUnit.MILLISECONDS) == null, "no drawn frame unless asked for");
            assertEquals(1, TestServers.get(live.server, "/metrics.json").json().getAsJsonObject("live").get("connections")
                    .getAsInt());
            live.ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        }
    }

    @Test
    void theDrawnFrameFollowsEachAnswerWhenAskedFor() throws Exception {
        try (Connection live = new Connection(new TestServers.GatedDetector(), "/v1/live?image=jpeg&mode=badge")) {
            for (int frame = 1; frame <= 2; frame++) {
                live.send(TestServers.image(320, 240, "jpeg"));
                JsonObject meta = live.answer();
                assertEquals(frame, meta.get("frame").getAsInt(), meta.toString());
                BufferedImage drawn = ImageIO.read(new ByteArrayInputStream((byte[]) live.c.messages.take()));
                assertEquals(320, drawn.getWidth());
            }
            live.ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        }
    }

    @Test
    void aFrameArrivingWhileAnotherWaitsReplacesItAndEveryFrameIsAnswered() throws Exception {
        TestServers.GatedDetector detector = new TestServers.GatedDetector();
        try (Connection live = new Connection(detector, "/v1/live")) {
            detector.arm();
            byte[] jpeg = TestServers.image(320, 240, "jpeg");
            live.send(jpeg);
            assertTrue(detector.entered.await(10, TimeUnit.SECONDS), "frame 1 is being analysed");
            live.send(jpeg); // waits
            live.send(jpeg); // replaces frame 2
            JsonObject dropped = live.answer();
            assertEquals(2, dropped.get("frame").getAsInt(), dropped.toString());
            assertTrue(dropped.get("dropped").getAsBoolean(), dropped.toString());
            detector.release.countDown();
            JsonObject first = live.answer();
            JsonObject third = live.answer();
            assertEquals(1, first.get("frame").getAsInt(), first.toString());
            assertEquals(3, third.get("frame").getAsInt(), "the waiting frame is analysed next: " + third);
            assertEquals(1, third.getAsJsonArray("faces").size(), third.toString());
            live.ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        }
    }

    /** Two faces: one still on the right, one moving right by 12 pixels at each detection. */
    static final class PanningDetector implements FaceDetector {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public List<Face> detect(BufferedImage image) {
            int n = calls.getAndIncrement();
            return List.of(new Face(new BoundingBox(20 + 12 * n, 60, 80, 80), 0.99),
                    new Face(new BoundingBox(220, 60, 80, 80), 0.99));
        }
    }

    @Test
    void eachFaceKeepsItsTrackIdAcrossFramesAndTheMovingOneHasAVelocity() throws Exception {
        try (Connection live = new Connection(new PanningDetector(), "/v1/live")) {
            int movingTrack = -1;
            int stillTrack = -1;
            byte[] jpeg = TestServers.image(320, 240, "jpeg");
            for (int frame = 1; frame <= 5; frame++) {
                Thread.sleep(20); // frames some milliseconds apart, as a camera sends them
                live.send(jpeg);
                JsonObject meta = live.answer();
                assertEquals(frame, meta.get("frame").getAsInt(), meta.toString());
                assertEquals(2, meta.getAsJsonArray("faces").size(), meta.toString());
                JsonObject moving = null;
                JsonObject still = null;
                for (var e : meta.getAsJsonArray("faces")) {
                    JsonObject face = e.getAsJsonObject();
                    assertEquals(0, face.get("missed").getAsInt(), meta.toString());
                    if (face.getAsJsonObject("box").get("x").getAsDouble() < 160) {
                        moving = face;
                    } else {
                        still = face;
                    }
                }
                assertNotNull(moving, meta.toString());
                assertNotNull(still, meta.toString());
                if (frame == 1) {
                    movingTrack = moving.get("track").getAsInt();
                    stillTrack = still.get("track").getAsInt();
                    assertNotEquals(movingTrack, stillTrack, meta.toString());
                }
                assertEquals(movingTrack, moving.get("track").getAsInt(), "the moving face keeps its track: " + meta);
                assertEquals(stillTrack, still.get("track").getAsInt(), "the still face keeps its track: " + meta);
                double vx = moving.getAsJsonObject("velocity").get("x").getAsDouble();
                if (frame >= 2) {
                    assertTrue(vx > 0, "the moving face's velocity points right (pixels per second): " + meta);
                }
                assertEquals(0, still.getAsJsonObject("velocity").get("x").getAsDouble(), 1e-9, meta.toString());
                assertEquals(0, moving.getAsJsonObject("velocity").get("y").getAsDouble(), 1e-9, meta.toString());
            }
            live.ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        }
    }

    @Test
    void closingTheConnectionClosesItsSessionAndStopsItsWorker() throws Exception {
        TestServers.GatedDetector detector = new TestServers.GatedDetector();
        try (Connection live = new Connection(detector, "/v1/live")) {
            detector.arm();
            try {
                live.send(TestServers.image(320, 240, "jpeg"));
                assertTrue(detector.entered.await(10, TimeUnit.SECONDS), "the frame is being analysed");
                // the session's worker, held in the detector: only closing the session ends it
                Thread worker = Thread.getAllStackTraces().entrySet().stream()
                        .filter(e -> e.getKey().getName().startsWith("emojify-live-"))
                        .filter(e -> List.of(e.getValue()).stream()
                                .anyMatch(f -> f.getClassName().equals(TestServers.GatedDetector.class.getName())))
                        .map(java.util.Map.Entry::getKey).findFirst().orElse(null);
                assertNotNull(worker, "a live session's worker analyses the frame");
                live.ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
                worker.join(5_000);
                assertFalse(worker.isAlive(), "closing the connection stopped its session's worker");
                assertEquals(0, TestServers.get(live.server, "/metrics.json").json().getAsJsonObject("live")
                        .get("connections").getAsInt());
            } finally {
                detector.release.countDown();
            }
        }
    }

    /**
     * A client that stops reading while it sends frames asking for the drawn frame (noise, about 700 KB each drawn, so the
     * socket's buffers fill after some answers) is closed with 1008 and the reason once its unsent answers pass the
     * bound, while the server's only worker stays free: a normal client and the API are answered throughout. The client
     * sends its next frame only once the last one was answered (the metrics count it), so that none of its frames is
     * left unread when the server closes (that would reset the connection and lose the close frame).
     */
    @Test
    void aClientThatStopsReadingIsClosedWhileOthersAreAnswered() throws Exception {
        try (Emojify emojify = TestServers.emojify(new TestServers.GatedDetector());
                EmojifyServer server = EmojifyServer.start(emojify,
                        TestServers.loopback(ServerSettings.DEFAULT.withWorkers(1, 2)))) {
            byte[] noise = TestServers.noise(1280, 960);
            byte[] small = TestServers.image(320, 240, "jpeg");
            Collector normal = new Collector();
            WebSocket normalWs = open(server, "/v1/live", normal);
            Collector unread = new Collector(false);
            WebSocket stalled = open(server, "/v1/live?image=jpeg&mode=boxes", unread);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            int sent = 0;
            int normalAnswers = 0;
            JsonObject live;
            do {
                assertTrue(System.nanoTime() < deadline, "the client that does not read is closed within 60 s");
                stalled.sendBinary(ByteBuffer.wrap(noise), true).get(10, TimeUnit.SECONDS);
                sent++;
                if (sent % 4 == 1) {
                    normalWs.sendBinary(ByteBuffer.wrap(small), true).join();
                    Object answer = normal.messages.poll(10, TimeUnit.SECONDS);
                    assertTrue(answer instanceof String s && s.contains("\"faces\""), "a normal client is answered "
                            + "while the other does not read: " + answer);
                    normalAnswers++;
                    TestServers.Response analyzed = TestServers.post(server, "/v1/analyze", "image/jpeg", null, small);
                    assertEquals(200, analyzed.status(), "the API is answered meanwhile: " + analyzed.text());
                }
                do {
                    live = TestServers.get(server, "/metrics.json").json().getAsJsonObject("live");
                    assertTrue(System.nanoTime() < deadline, "frame " + sent + " is answered: " + live);
                } while (live.get("frames").getAsInt() < sent + normalAnswers);
            } while (live.get("closedSlow").getAsInt() == 0);
            assertTrue(sent > 1, "closed only once answers waited: " + sent);
            stalled.request(Long.MAX_VALUE); // the client reads again: its backlog, then the close frame
            Object last;
            do {
                last = unread.messages.poll(10, TimeUnit.SECONDS);
            } while (last instanceof byte[] || last instanceof String s && s.startsWith("{"));
            assertTrue(String.valueOf(last).startsWith("closed 1008 the client did not read its answers: "),
                    "closed with 1008 and the reason: " + last);
            normalWs.sendBinary(ByteBuffer.wrap(small), true).join();
            Object after = normal.messages.poll(10, TimeUnit.SECONDS);
            assertTrue(after instanceof String s && s.contains("\"faces\""), "still answered: " + after);
            live = TestServers.get(server, "/metrics.json").json().getAsJsonObject("live");
            assertEquals(1, live.get("connections").getAsInt(), "only the normal client is left: " + live);
            assertEquals(1, live.get("closedSlow").getAsInt(), live.toString());
            normalWs.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        }
    }

    @Test
    void unknownModeOrImageClosesTheConnectionWithTheReason() throws Exception {
        try (Connection live = new Connection(new TestServers.GatedDetector(), "/v1/live?mode=x")) {
            assertEquals("closed 1008 unknown mode 'x'; use replace, badge or boxes", live.c.messages.take());
            Collector image = new Collector();
            open(live.server, "/v1/live?image=png", image);
            assertEquals("closed 1008 unknown image 'png'; use jpeg (each answer followed by the drawn frame) or none",
                    image.messages.take());
        }
    }
}
