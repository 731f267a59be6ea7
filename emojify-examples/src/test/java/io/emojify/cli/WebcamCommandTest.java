package io.emojify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.emojify.Emojify;
import io.emojify.face.BoundingBox;
import io.emojify.testing.SharedData;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code emojify webcam} with a video file as the camera (a pan across four people, made here): in its window on a virtual
 * display (Xvfb), where a screenshot must show emoji over the faces and the title the rates, and closing the window ends
 * it with exit code 0; and headless with {@code --record}, where the recording must hold the emojified frames.
 */
class WebcamCommandTest {

    private static final int W = 640;
    private static final int H = 480;
    private static final Pattern RATES = Pattern.compile("([0-9.]+) frames/s shown, ([0-9.]+) analyses/s");
    /** A channel differing by more than this is a different picture, not compression noise. */
    private static final int DIFFERENT = 40;
    /** The width of the bands at the left and right edges where faces enter and leave the pan. */
    private static final int EDGE = 120;

    /** Pans a 640x480 view across the shared photo of four people (scaled to 480 high), as an MPEG-4 clip. */
    private static void makePan(Path clip, int frames, double fps) throws Exception {
        BufferedImage photo = ImageIO.read(SharedData.require("data/faces/photos/2.jpg").toFile());
        int sw = photo.getWidth() * H / photo.getHeight();
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(clip.toFile(), W, H, 0);
                Java2DFrameConverter conv = new Java2DFrameConverter()) {
            r.setFormat("mp4");
            r.setFrameRate(fps);
            r.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
            r.setVideoQuality(2);
            r.start();
            BufferedImage frame = new BufferedImage(W, H, BufferedImage.TYPE_3BYTE_BGR);
            for (int f = 0; f < frames; f++) {
                int x = (sw - W) * f / (frames - 1);
                Graphics2D g = frame.createGraphics();
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.drawImage(photo, -x, 0, sw, H, null);
                g.dispose();
                r.record(conv.convert(frame));
            }
            r.stop();
        }
    }

    @Test
    void theWindowShowsEmojiOverTheFacesAndTheRatesAndClosingItEndsTheCommand(@TempDir Path dir) throws Exception {
        Path clip = dir.resolve("pan.mp4");
        makePan(clip, 225, 15);
        try (X11.Xvfb xvfb = X11.Xvfb.startOrSkip(); X11 x11 = xvfb.connect()) {
            Process p = Cli.start(dir, Map.of("DISPLAY", xvfb.display()), List.of("-Djava.awt.headless=false"), false,
                    "webcam", "--input", clip.toString());
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                int window = -1;
                Matcher rates = null;
                while (rates == null) {
                    if (!p.isAlive()) {
                        fail("the command ended before its window showed analyses: " + Cli.result(dir, p.exitValue()));
                    }
                    Optional<Integer> w = x11.findWindow("Emojify - pan.mp4");
                    if (w.isPresent()) {
                        Matcher m = RATES.matcher(x11.title(w.get()));
                        if (m.find() && Double.parseDouble(m.group(2)) > 0) {
                            window = w.get();
                            rates = m;
                        }
                    }
                    assertTrue(System.nanoTime() < deadline, "no window titled with the rates in 90 s");
                    Thread.sleep(100);
                }
                double shown = Double.parseDouble(rates.group(1));
                assertTrue(shown > 1 && shown < 15 * 1.25, "frames shown per second, at most the clip's 15: " + shown);
                Thread.sleep(1000); // the tracks settle over a few analyses
                Rectangle area = x11.areaOfSize(window, W, H)
                        .orElseThrow(() -> new AssertionError("no 640x480 picture in the window"));
                BufferedImage screenshot = x11.screenshot(area);
                keep(screenshot, "webcam-window.png");

                x11.requestClose(window);
                assertTrue(p.waitFor(20, TimeUnit.SECONDS), "closing the window ends the command");
                Cli.Result r = Cli.result(dir, p.exitValue());
                assertEquals(0, r.code(), r.toString());
                assertTrue(r.err().contains("Shown "), r.toString());

                assertEmojiOverFaces(clip, screenshot, 2);
            } finally {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void headlessRecordKeepsTheEmojifiedFramesAtTheClipsPace(@TempDir Path dir) throws Exception {
        Path clip = dir.resolve("pan.mp4");
        int frames = 60;
        makePan(clip, frames, 10);
        Path out = dir.resolve("session.mp4");
        Cli.Result r = Cli.child(dir, Map.of(), List.of(), false, "webcam", "--input", clip.toString(), "--headless",
                "--record", out.toString());
        assertEquals(0, r.code(), "the end of the file ends the command: " + r);
        Matcher rates = RATES.matcher(r.err());
        assertTrue(rates.find(), "the rates are printed: " + r);
        assertTrue(r.err().contains("Recorded " + out), r.toString());

        int recorded = 0;
        BufferedImage last = null;
        long lastTimestamp = 0;
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(out.toFile());
                Java2DFrameConverter conv = new Java2DFrameConverter()) {
            g.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
            g.start();
            assertEquals("h264", g.getVideoCodecName());
            assertEquals(W, g.getImageWidth());
            assertEquals(H, g.getImageHeight());
            Frame f;
            while ((f = g.grabImage()) != null) {
                recorded++;
                last = copy(conv.convert(f));
                lastTimestamp = f.timestamp;
            }
        }
        assertTrue(recorded >= frames / 2 && recorded <= frames, "most of the clip's " + frames + " frames: " + recorded);
        keep(last, "webcam-recorded.png");
        int matched = assertEmojiOverFaces(clip, last, 2);
        assertEquals(matched, lastTimestamp * 10 / 1e6, 1.01,
                "the recording keeps the clip's pace: its last frame is at the time of the clip's frame it shows");
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of("child.err", "child.out", "pan.mp4", "session.mp4"),
                    s.map(q -> q.getFileName().toString()).sorted().toList(), "no temporary file is left");
        }
    }

    @Test
    void anInterruptedHeadlessRecordingIsKept(@TempDir Path dir) throws Exception {
        Path clip = dir.resolve("pan.mp4");
        makePan(clip, 200, 10);
        Path out = dir.resolve("session.mp4");
        Process p = Cli.start(dir, Map.of(), List.of(), false, "webcam", "--input", clip.toString(), "--headless",
                "--record", out.toString());
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            // the first line of rates comes two seconds into the clip
            while (!Files.readString(dir.resolve("child.err")).contains("analyses/s")) {
                assertTrue(p.isAlive(), () -> "ended early: " + result(dir, p));
                assertTrue(System.nanoTime() < deadline, "no rates printed in 90 s");
                Thread.sleep(100);
            }
            p.destroy(); // SIGTERM, as Ctrl-C's SIGINT: the JVM runs its shutdown hooks
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "the command ends when interrupted");
        } finally {
            p.destroyForcibly();
        }
        assertTrue(Files.exists(out), "the recording so far is kept: " + result(dir, p));
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(out.toFile())) {
            g.start();
            assertEquals("h264", g.getVideoCodecName());
            int frames = 0;
            while (g.grabImage() != null) {
                frames++;
            }
            assertTrue(frames >= 10 && frames < 200, "two seconds or more of the clip, not all of it: " + frames);
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertTrue(s.noneMatch(q -> q.getFileName().toString().endsWith(".part")), "no temporary file is left");
        }
    }

    @Test
    void badSourcesAndRecordingsAreRefusedWithAMessage(@TempDir Path dir) throws Exception {
        Path existing = dir.resolve("kept.mp4");
        Files.writeString(existing, "an earlier recording");
        Cli.Result r = Cli.run("webcam", "--input", existing.toString(), "--record", existing.toString());
        assertEquals(2, r.code(), r.toString());
        assertEquals(List.of("emojify: " + existing + " is the input; record to another file"), r.messages());
        r = Cli.run("webcam", "--device", "0", "--record", existing.toString());
        assertEquals(2, r.code(), r.toString());
        assertEquals(List.of("emojify: " + existing + " exists; add --overwrite to replace it"), r.messages());
        assertEquals("an earlier recording", Files.readString(existing));

        r = Cli.run("webcam", "--record", dir.resolve("session.avi").toString());
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.messages().get(0).contains("name it .mp4"), r.toString());
        r = Cli.run("webcam", "--overwrite");
        assertEquals(2, r.code(), r.toString());
        assertEquals(2, Cli.run("webcam", "--device", "0", "--input", "clip.mp4").code(), "one source, not two");

        r = Cli.run("webcam", "--input", dir.resolve("missing.mp4").toString());
        assertEquals(1, r.code(), r.toString());
        assertEquals(List.of("emojify: " + dir.resolve("missing.mp4") + ": no such file"), r.messages());
        r = Cli.run("webcam", "--device", "/dev/no-such-camera");
        assertEquals(1, r.code(), r.toString());
        assertEquals(List.of("emojify: no camera /dev/no-such-camera (/dev/no-such-camera does not exist)"),
                r.messages());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(existing), s.toList(), "nothing is written");
        }
    }

    /**
     * Finds the clip's frame that a picture shows (the one it differs least from), then checks that each face the detector
     * finds well inside it (whole, in the picture long enough to have been analysed) is covered in the picture, and that
     * the picture matches the frame away from the faces.
     *
     * @return the index of the clip's frame
     */
    private static int assertEmojiOverFaces(Path clip, BufferedImage picture, int minFaces) throws Exception {
        int[] shown = picture.getRGB(0, 0, W, H, null, 0, W);
        int best = -1;
        double bestScore = Double.MAX_VALUE;
        BufferedImage source = null;
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(clip.toFile());
                Java2DFrameConverter conv = new Java2DFrameConverter()) {
            g.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
            g.start();
            Frame f;
            for (int i = 0; (f = g.grabImage()) != null; i++) {
                BufferedImage frame = conv.convert(f);
                double score = differing(shown, frame.getRGB(0, 0, W, H, null, 0, W), null);
                if (score < bestScore) {
                    bestScore = score;
                    best = i;
                    source = copy(frame);
                }
            }
        }
        assertTrue(bestScore < 0.2, "the picture is one of the clip's frames, emoji aside: " + bestScore);
        int[] original = source.getRGB(0, 0, W, H, null, 0, W);
        List<BoundingBox> all;
        try (Emojify emojify = Emojify.builder().optDetection("video").build()) {
            all = emojify.analyze(source).stream().map(f -> f.face().box()).toList();
        }
        List<BoundingBox> inside = all.stream()
                .filter(b -> b.x() >= 20 && b.y() >= 0 && b.right() <= W - 60 && b.bottom() <= H).toList();
        assertTrue(inside.size() >= minFaces, "faces well inside frame " + best + ": " + all);
        boolean[] nearFace = new boolean[W * H];
        for (BoundingBox b : all) {
            double cx = b.center().x();
            double cy = b.center().y();
            // the emoji is drawn 1.2 times the box, where the tracked box is: allow for both
            mark(nearFace, cx - 0.9 * b.width(), cy - 0.9 * b.height(), cx + 0.9 * b.width(), cy + 0.9 * b.height());
        }
        for (BoundingBox b : inside) {
            double cx = b.center().x();
            double cy = b.center().y();
            boolean[] middle = new boolean[W * H];
            mark(middle, cx - 0.3 * b.width(), cy - 0.3 * b.height(), cx + 0.3 * b.width(), cy + 0.3 * b.height());
            double covered = meanDifference(shown, original, middle);
            assertTrue(covered > 25, String.format(Locale.ROOT, "the face at %.0f,%.0f (%.0f px wide) in frame %d is "
                    + "covered: mean difference %.1f", b.x(), b.y(), b.width(), best, covered));
        }
        // a face cut by the left or right edge (entering or leaving the pan) may keep its emoji from its track while the
        // detector no longer finds it in the frame: those bands are not compared
        boolean[] away = new boolean[W * H];
        for (int i = 0; i < away.length; i++) {
            away[i] = !nearFace[i] && i % W >= EDGE && i % W < W - EDGE;
        }
        double elsewhere = meanDifference(shown, original, away);
        double changed = differing(shown, original, away);
        assertTrue(elsewhere < 6 && changed < 0.02, String.format(Locale.ROOT, "away from the faces the picture is frame "
                + "%d: mean difference %.2f, %.3f of the pixels differ", best, elsewhere, changed));
        return best;
    }

    private static void mark(boolean[] mask, double x0, double y0, double x1, double y1) {
        for (int y = Math.max(0, (int) y0); y < Math.min(H, (int) Math.ceil(y1)); y++) {
            for (int x = Math.max(0, (int) x0); x < Math.min(W, (int) Math.ceil(x1)); x++) {
                mask[y * W + x] = true;
            }
        }
    }

    /** The fraction of pixels (where the mask is set, or all) with a channel differing by more than {@link #DIFFERENT}. */
    private static double differing(int[] a, int[] b, boolean[] mask) {
        int n = 0;
        int differ = 0;
        for (int i = 0; i < a.length; i++) {
            if (mask == null || mask[i]) {
                n++;
                if (maxChannelDifference(a[i], b[i]) > DIFFERENT) {
                    differ++;
                }
            }
        }
        return differ / (double) Math.max(1, n);
    }

    private static double meanDifference(int[] a, int[] b, boolean[] mask) {
        long sum = 0;
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (mask[i]) {
                n++;
                for (int s = 0; s < 24; s += 8) {
                    sum += Math.abs((a[i] >> s & 0xff) - (b[i] >> s & 0xff));
                }
            }
        }
        return sum / (3.0 * Math.max(1, n));
    }

    private static int maxChannelDifference(int a, int b) {
        int d = 0;
        for (int s = 0; s < 24; s += 8) {
            d = Math.max(d, Math.abs((a >> s & 0xff) - (b >> s & 0xff)));
        }
        return d;
    }

    private static BufferedImage copy(BufferedImage image) {
        BufferedImage c = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = c.createGraphics();
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return c;
    }

    /** Keeps a picture in target/ for a person to look at. */
    private static void keep(BufferedImage image, String name) throws Exception {
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            ImageIO.write(image, "png", target.resolve(name).toFile());
        }
    }

    private static String result(Path dir, Process p) {
        try {
            return Cli.result(dir, p.isAlive() ? -1 : p.exitValue()).toString();
        } catch (Exception e) {
            return e.toString();
        }
    }
}
