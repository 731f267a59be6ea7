package io.emojify.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
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
 * The live page in a real browser: headless Chromium with a fake 30 fps camera playing a clip that pans a photo of four
 * people. The page must paint the camera's moving frames with the emoji drawn over the faces, list the faces with their
 * emotions, report plausible figures in {@code window.emojifyStatus}, and draw a photo sent through the drop zone's code
 * path; the same with a server that requires a token, given in the page's URL. Needs Chromium (skipped with a message
 * without it) and the shared folder's photo and YuNet weights.
 */
class LiveBrowserTest {

    /** How many answered frames the test waits for. */
    private static final int FRAMES = 10;
    private static final String TOKEN = "browser-test-token-0123456789";

    /** Mean absolute difference, per channel, between the painted view and the camera's frame inside and outside faces. */
    private static final String OVERLAY = "(() => {"
            + " const view = document.getElementById('view'); const v = document.getElementById('video');"
            + " const w = view.width, h = view.height;"
            + " const c = document.createElement('canvas'); c.width = w; c.height = h;"
            + " const g = c.getContext('2d'); g.drawImage(view, 0, 0); const shown = g.getImageData(0, 0, w, h).data;"
            + " g.drawImage(v, 0, 0, w, h); const camera = g.getImageData(0, 0, w, h).data;"
            + " const boxes = window.emojifyStatus.faces.map(f => f.box);"
            + " const inside = (x, y, k) => boxes.some(b => Math.abs(x - b.x - b.width / 2) < k * b.width / 2"
            + "   && Math.abs(y - b.y - b.height / 2) < k * b.height / 2);"
            + " let din = 0, nin = 0, dout = 0, nout = 0;"
            + " for (let y = 0; y < h; y += 2) { for (let x = 0; x < w; x += 2) {"
            + "   const i = 4 * (y * w + x);"
            + "   const d = (Math.abs(shown[i] - camera[i]) + Math.abs(shown[i + 1] - camera[i + 1])"
            + "     + Math.abs(shown[i + 2] - camera[i + 2])) / 3;"
            + "   if (inside(x, y, 0.5)) { din += d; nin++; } else if (!inside(x, y, 1.6)) { dout += d; nout++; } } }"
            + " return [din / Math.max(1, nin), dout / Math.max(1, nout), nin]; })()";

    /** A hash of the painted view, to see it change. */
    private static final String VIEW_HASH = "(() => { const view = document.getElementById('view');"
            + " const d = view.getContext('2d').getImageData(0, 0, view.width, view.height).data;"
            + " let h = 0x811c9dc5; for (let i = 0; i < d.length; i += 7) { h = Math.imul(h ^ d[i], 0x01000193) >>> 0; }"
            + " return h.toString(16); })()";

    private static Path clip() throws Exception {
        Path photo = SharedData.require("data/faces/photos/2.jpg");
        Path work = Files.createDirectories(Path.of("target", "browser-test")).toAbsolutePath();
        Path clip = work.resolve("camera.y4m");
        if (!Files.exists(clip)) {
            Y4m.write(new ImageDecoder().read(photo), 640, 480, 60, 30, clip);
        }
        return clip;
    }

    @Test
    void thePagePaintsTheCameraWithTheEmojiOverItAndReportsItsRates() throws Exception {
        Path chromium = Chromium.require();
        Path clip = clip();
        Path work = clip.getParent();
        try (RealServer real = new RealServer(TestServers.loopback(ServerSettings.DEFAULT));
                Chromium browser = Chromium.open(chromium, real.server.pageUri(), clip, work)) {
            JsonObject status = waitForFrames(browser);
            Thread.sleep(3000); // the figures are over the last three seconds
            status = browser.eval("window.emojifyStatus").getAsJsonObject();
            assertEquals("streaming", status.get("state").getAsString(), status.toString());
            assertTrue(status.get("framesAnswered").getAsInt() >= FRAMES, status.toString());
            assertTrue(status.get("framesDisplayed").getAsInt() > status.get("framesAnswered").getAsInt(),
                    "more frames painted than analysed: " + status);
            assertTrue(status.get("overlayFrames").getAsInt() >= FRAMES, "frames painted with faces: " + status);
            double displayed = status.get("displayedFps").getAsDouble();
            double analysed = status.get("fps").getAsDouble();
            double latency = status.get("latencyMs").getAsDouble();
            assertTrue(displayed > 3 && displayed < 65, "a camera's rate of painted frames: " + status);
            assertTrue(analysed > 0 && analysed <= displayed + 1, "analyses, at most one per painted frame: " + status);
            assertTrue(latency > 0 && latency < 10_000, "a latency from grab to paint: " + status);
            assertTrue(status.get("framesSent").getAsInt() >= status.get("framesAnswered").getAsInt(), status.toString());

            Set<String> labels = new HashSet<>();
            Arrays.stream(Emotion.values()).forEach(e -> labels.add(e.label()));
            JsonObject seen = status.getAsJsonObject("emotionsSeen");
            assertTrue(seen.size() >= 1, "some emotion was shown: " + status);
            seen.keySet().forEach(e -> assertTrue(labels.contains(e), "a known emotion: " + e));
            JsonArray faces = status.getAsJsonArray("faces");
            assertTrue(faces.size() >= 2, "the photo's faces are found: " + status);
            faces.forEach(f -> assertTrue(f.getAsJsonObject().get("track").getAsInt() >= 1, "tracked: " + f));
            assertTrue(browser.eval("document.querySelectorAll('#faces li').length").getAsInt() >= 2,
                    "the page lists the faces");
            assertTrue(browser.eval("document.getElementById('stats').textContent").getAsString()
                    .contains("frames/s shown"), "the page shows its rates");

            // the camera's frames move on the page, and the emoji cover the faces on them (the rest is the camera's)
            Set<String> views = new HashSet<>();
            for (int i = 0; i < 5; i++) {
                views.add(browser.eval(VIEW_HASH).getAsString());
                Thread.sleep(120);
            }
            assertTrue(views.size() >= 3, "the painted frames change: " + views);
            JsonArray overlay = browser.eval(OVERLAY).getAsJsonArray();
            double inside = overlay.get(0).getAsDouble();
            double outside = overlay.get(1).getAsDouble();
            assertTrue(overlay.get(2).getAsInt() > 100, "face pixels compared: " + overlay);
            assertTrue(inside > 30 && inside > 3 * outside, "the emoji cover the faces, the rest is the camera's "
                    + "frame (mean differences inside and outside the faces): " + overlay);

            // between answers each face moves on with its track's velocity, at most 250 ms past the frame it was found in
            JsonArray moved = browser.eval("[boxAt({box: {x: 100, y: 50, w: 40, h: 40}, velocity: {x: 0.1, y: -0.05,"
                    + " w: 0, h: 0}, at: 1000}, 1100), boxAt({box: {x: 100, y: 50, w: 40, h: 40}, velocity: {x: 0.1,"
                    + " y: -0.05, w: 0, h: 0}, at: 1000}, 5000)].map(b => [b.x, b.y])").getAsJsonArray();
            assertEquals("[[110,45],[125,37.5]]", moved.toString(), "extrapolated 100 ms, then capped at 250 ms");
            JsonArray speeds = browser.eval("[...tracks.values()].map(t => Math.hypot(t.velocity.x, t.velocity.y))")
                    .getAsJsonArray();
            assertTrue(speeds.size() >= 2, "the tracks the page follows: " + speeds);
            speeds.forEach(v -> assertTrue(v.getAsDouble() < 1, "a face's speed in pixels per ms: " + speeds));
            assertTrue(browser.eval("[...tracks.values()].some(t => t.velocity.x !== 0 || t.velocity.y !== 0)")
                    .getAsBoolean(), "the panned faces move: " + speeds);

            assertPhotoIsDrawn(browser);
            browser.screenshot(work.resolve("serve-live-page.png"));
            JsonObject metrics = TestServers.get(real.server, "/metrics.json").json();
            assertTrue(metrics.getAsJsonObject("live").get("frames").getAsInt() >= FRAMES, metrics.toString());
        }
    }

    @Test
    void withATokenInTheUrlThePageStreamsAndSendsPhotos() throws Exception {
        Path chromium = Chromium.require();
        Path clip = clip();
        ServerSettings settings = TestServers.loopback(ServerSettings.DEFAULT)
                .withAccess(AccessSettings.LOCAL.withToken(TOKEN));
        try (RealServer real = new RealServer(settings);
                Chromium browser = Chromium.open(chromium, real.server.pageUri(), clip, clip.getParent())) {
            assertTrue(real.server.pageUri().toString().endsWith("/#token=" + TOKEN), real.server.pageUri().toString());
            JsonObject status = waitForFrames(browser);
            assertTrue(status.get("framesAnswered").getAsInt() >= FRAMES, status.toString());
            assertTrue(status.getAsJsonArray("faces").size() >= 2, status.toString());
            assertEquals("", browser.eval("location.hash").getAsString(), "the token is taken out of the address bar");
            assertPhotoIsDrawn(browser);
            assertEquals(401, TestServers.get(real.server, "/metrics.json").status(), "the token is required");
        }
    }

    /** The drop zone's code path, with the camera's current frame as the photo. */
    private static void assertPhotoIsDrawn(Chromium browser) {
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
    }

    /** Polls the page's status until {@value #FRAMES} frames were answered with faces (at most two minutes). */
    private static JsonObject waitForFrames(Chromium browser) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        JsonObject status;
        do {
            Thread.sleep(250);
            status = browser.eval("window.emojifyStatus || {}").getAsJsonObject();
        } while ((!status.has("framesAnswered") || status.get("framesAnswered").getAsInt() < FRAMES
                || status.getAsJsonArray("faces").size() == 0) && System.nanoTime() < deadline);
        return status;
    }
}
