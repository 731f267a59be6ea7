package io.emojify.server;

import com.google.gson.JsonObject;
import io.emojify.image.ImageDecoder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a screenshot of the live page streaming a photo as its 30 fps camera, for the documentation, and prints the
 * page's figures (run by hand): {@code java -cp <test class path> io.emojify.server.LivePageScreenshot PHOTO OUT.png
 * [SECONDS [MODE]]} (MODE: replace, badge or boxes, chosen on the page). Needs Chromium and YuNet's weights ({@code -Demojify.models=...}).
 */
public final class LivePageScreenshot {

    private LivePageScreenshot() {}

    /**
     * @param args the photo to use as the camera, the PNG to write, how long to stream before (default 10 s), and the
     *     page's mode (default replace)
     * @throws Exception if the browser or server fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length > 4) {
            throw new IllegalArgumentException("usage: LivePageScreenshot PHOTO OUT.png [SECONDS [MODE]]");
        }
        long seconds = args.length >= 3 ? Long.parseLong(args[2]) : 10;
        String mode = args.length == 4 ? args[3] : "replace";
        if (!mode.matches("replace|badge|boxes")) {
            throw new IllegalArgumentException("unknown mode '" + mode + "'; use replace, badge or boxes");
        }
        Path work = Files.createTempDirectory("emojify-screenshot");
        Path clip = work.resolve("camera.y4m");
        Y4m.write(new ImageDecoder().read(Path.of(args[0])), 640, 480, 60, 30, clip);
        try (RealServer real = new RealServer(TestServers.loopback(ServerSettings.DEFAULT));
                Chromium browser = Chromium.open(Chromium.require(), real.server.pageUri(), clip, work)) {
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (System.nanoTime() < deadline && browser.eval("(window.emojifyStatus || {}).framesAnswered || 0")
                    .getAsInt() < 10) {
                Thread.sleep(250);
            }
            browser.eval("document.getElementById('mode').value = '" + mode + "'");
            for (long s = 0; s < seconds; s++) {
                Thread.sleep(1000);
                JsonObject status = browser.eval("window.emojifyStatus").getAsJsonObject();
                System.out.printf("displayedFps %s, analyses/s %s, latencyMs %s, server ms %s%n",
                        status.get("displayedFps"), status.get("fps"), status.get("latencyMs"), status.get("serverMs"));
            }
            browser.screenshot(Path.of(args[1]));
        }
    }
}
