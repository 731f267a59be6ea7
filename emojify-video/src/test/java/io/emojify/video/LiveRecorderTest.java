package io.emojify.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Frames recorded at the times they were shown: one per slot of the rate, gaps kept, odd sizes padded. */
class LiveRecorderTest {

    private static BufferedImage filled(int w, int h, Color c) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(c);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return image;
    }

    @Test
    void framesAreWrittenAtTheTimesTheyWereShown(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("live.mp4");
        try (LiveRecorder r = LiveRecorder.start(out, 65, 49, 10)) {
            assertTrue(r.record(filled(65, 49, Color.RED), 0));
            assertFalse(r.record(filled(65, 49, Color.GREEN), 20_000), "the same 100 ms slot as the frame before");
            assertTrue(r.record(filled(65, 49, Color.BLUE), 100_000));
            assertTrue(r.record(filled(130, 98, Color.WHITE), 400_000), "another size is scaled; a gap stays a gap");
            assertEquals(3, r.frames());
            r.finish();
            assertThrows(VideoException.class, () -> r.record(filled(65, 49, Color.RED), 500_000));
        }
        List<Long> times = new ArrayList<>();
        List<Integer> reds = new ArrayList<>();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(out.toFile())) {
            g.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
            g.start();
            assertEquals("h264", g.getVideoCodecName());
            assertEquals(66, g.getImageWidth(), "H.264 needs even sides: one column more");
            assertEquals(50, g.getImageHeight());
            BufferedImage image = new BufferedImage(66, 50, BufferedImage.TYPE_3BYTE_BGR);
            Frame f;
            while ((f = g.grabImage()) != null) {
                times.add(Math.round(f.timestamp / 1000.0));
                VideoAnnotator.toImage(f, image);
                reds.add(image.getRGB(32, 24) >> 16 & 0xff);
            }
        }
        assertEquals(List.of(0L, 100L, 400L), times, "milliseconds");
        assertTrue(reds.get(0) > 200 && reds.get(1) < 60 && reds.get(2) > 200, "red, blue, white: " + reds);
    }

    @Test
    void aBurstFasterThanTheEncoderIsKeptWhole(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("burst.mp4");
        int shown = 3 * LiveRecorder.bufferedFrames(640, 480); // more than can wait: record has to wait for the encoder
        try (LiveRecorder r = LiveRecorder.start(out, 640, 480, 30)) {
            for (int i = 0; i < shown; i++) {
                assertTrue(r.record(filled(640, 480, new Color(i * 2, 0, 255 - i * 2)), i * 1_000_000L / 30));
            }
            r.finish();
            assertEquals(shown, r.frames());
        }
        int inFile = 0;
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(out.toFile())) {
            g.start();
            while (g.grabImage() != null) {
                inFile++;
            }
        }
        assertEquals(shown, inFile);
    }

    @Test
    void theFramesThatWaitAreBoundedInBytes() {
        assertEquals(LiveRecorder.MAX_BUFFERED_FRAMES, LiveRecorder.bufferedFrames(640, 480));
        assertEquals(2, LiveRecorder.bufferedFrames(7680, 4320), "8K frames: 99 MB each, the minimum of two");
        assertTrue(3L * 1920 * 1080 * LiveRecorder.bufferedFrames(1920, 1080) <= LiveRecorder.MAX_BUFFERED_BYTES);
    }

    @Test
    void closingWithoutFinishingStopsTheEncoderThread(@TempDir Path dir) throws Exception {
        LiveRecorder r = LiveRecorder.start(dir.resolve("left.mp4"), 64, 48, 30);
        r.record(filled(64, 48, Color.RED), 0);
        r.close();
        Thread.sleep(50);
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("emojify-recorder-left.mp4") && t.isAlive()), "encoder thread left running");
    }

    @Test
    void aSizeOrRateThatIsNotPositiveIsRefused(@TempDir Path dir) {
        VideoException e = assertThrows(VideoException.class, () -> LiveRecorder.start(dir.resolve("a.mp4"), 0, 10, 30));
        assertTrue(e.getMessage().contains("a.mp4") && e.getMessage().contains("positive"), e.getMessage());
        assertThrows(VideoException.class, () -> LiveRecorder.start(dir.resolve("b.mp4"), 10, 10, 0));
    }
}
