package io.emojify.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.emojify.Emojify;
import io.emojify.emotion.Emotion;
import io.emojify.image.ImageDecoder;
import io.emojify.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The live page in a real browser: headless Chromium with a fake camera that plays a clip made from a photo of four
 * people streams to the server over the WebSocket; the page must show drawn frames that change, and the faces with their
 * emotions; a photo sent through the drop zone's code path must come back drawn with its faces listed. Needs Chromium
 * (skipped with a message without it) and the shared folder's photo and YuNet weights.
 */
class LiveBrowserTest {

    /** How many answered frames the test waits for. */
    private static final int FRAMES = 10;

    @Test
    void thePageStreamsTheCameraAndShowsEmojifiedFramesAndEmotions() throws Exception {
        Path chromium = Chromium.require();
        Path photo = SharedData.require("data/faces/photos/2.jpg");
        Path work = Files.createDirectories(Path.of("target", "browser-test")).toAbsolutePath();
        Path clip = work.resolve("camera.y4m");
        Y4m.write(new ImageDecoder().read(photo), 640, 480, 16, clip);

        try (Emojify emojify = Emojify.create();
                EmojifyServer server = EmojifyServer.start(emojify, TestServers.loopback(ServerSettings.DEFAULT));
                Chromium browser = Chromium.open(chromium, server.uri(), clip, work)) {
            JsonObject status = waitForFrames(browser);
            assertEquals("streaming", status.get("state").getAsString(), status.toString());
            assertTrue(status.get("framesReceived").getAsInt() >= FRAMES, status.toString());
            assertTrue(status.get("fps").getAsDouble() > 0, status.toString());

            Set<String> labels = new HashSet<>();
            Arrays.stream(Emotion.values()).forEach(e -> labels.add(e.label()));
            JsonObject seen = status.getAsJsonObject("emotionsSeen");
            assertTrue(seen.size() >= 1, "some emotion was shown: " + status);
            seen.keySet().forEach(e -> assertTrue(labels.contains(e), "a known emotion: " + e));
            assertTrue(status.getAsJsonArray("faces").size() >= 2, "the photo's faces are found: " + status);

            Set<String> hashes = new HashSet<>();
            status.getAsJsonArray("frameHashes").forEach(h -> hashes.add(h.getAsString()));
            assertTrue(hashes.size() >= 2, "the drawn frames change: " + hashes);

            assertTrue(browser.eval("document.querySelectorAll('#faces li').length").getAsInt() >= 2,
                    "the page lists the faces");
            assertTrue(browser.eval("document.getElementById('stats').textContent").getAsString()
                    .contains("frames/s"), "the page shows the frame rate");
            assertTrue(browser.eval("document.getElementById('out').naturalWidth").getAsInt() == 640,
                    "the page shows the drawn frame");

            // the drop zone's code path, with the camera's current frame as the photo
            JsonElement photoFaces = browser.eval("(async () => {"
                    + " const v = document.getElementById('video'); const c = document.createElement('canvas');"
                    + " c.width = v.videoWidth; c.height = v.videoHeight; c.getContext('2d').drawImage(v, 0, 0);"
                    + " const blob = await new Promise(r => c.toBlob(r, 'image/png'));"
                    + " await sendPhoto(new File([blob], 'frame.png', {type: 'image/png'}));"
                    + " const img = document.getElementById('photo-out');"
                    + " if (!img.complete) { await new Promise(r => img.onload = r); }"
                    + " return [document.querySelectorAll('#photo-faces li').length, img.naturalWidth,"
                    + " document.getElementById('photo-message').textContent]; })()");
            assertTrue(photoFaces.getAsJsonArray().get(0).getAsInt() >= 2, "the photo's faces are listed: " + photoFaces);
            assertEquals(640, photoFaces.getAsJsonArray().get(1).getAsInt(), "the drawn photo is shown: " + photoFaces);

            browser.screenshot(work.resolve("serve-live-page.png"));
            JsonObject metrics = TestServers.get(server, "/metrics").json();
            assertTrue(metrics.getAsJsonObject("live").get("frames").getAsInt() >= FRAMES, metrics.toString());
        }
    }

    /** Polls the page's status until it has {@value #FRAMES} answered frames with faces (at most two minutes). */
    private static JsonObject waitForFrames(Chromium browser) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        JsonObject status;
        do {
            Thread.sleep(250);
            status = browser.eval("window.emojifyStatus || {}").getAsJsonObject();
        } while ((!status.has("framesReceived") || status.get("framesReceived").getAsInt() < FRAMES
                || status.getAsJsonArray("faces").size() == 0) && System.nanoTime() < deadline);
        return status;
    }
}
