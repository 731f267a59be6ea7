package io.emojify.server;

import io.emojify.Emojify;
import io.emojify.image.ImageDecoder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a screenshot of the live page streaming a photo as its camera, for the documentation (run by hand):
 * {@code java -cp <test class path> io.emojify.server.LivePageScreenshot PHOTO OUT.png}. Needs Chromium and YuNet's
 * weights ({@code -Demojify.models=...}).
 */
public final class LivePageScreenshot {

    private LivePageScreenshot() {}

    /**
     * @param args the photo to use as the camera and the PNG to write
     * @throws Exception if the browser or server fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: LivePageScreenshot PHOTO OUT.png");
        }
        Path work = Files.createTempDirectory("emojify-screenshot");
        Path clip = work.resolve("camera.y4m");
        Y4m.write(new ImageDecoder().read(Path.of(args[0])), 640, 480, 16, clip);
        try (Emojify emojify = Emojify.create();
                EmojifyServer server = EmojifyServer.start(emojify, TestServers.loopback(ServerSettings.DEFAULT));
                Chromium browser = Chromium.open(Chromium.require(), server.uri(), clip, work)) {
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (System.nanoTime() < deadline && browser.eval("(window.emojifyStatus || {}).framesReceived || 0")
                    .getAsInt() < 10) {
                Thread.sleep(250);
            }
            browser.screenshot(Path.of(args[1]));
        }
    }
}
