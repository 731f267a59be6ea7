package io.emojify.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.emojify.testing.SharedData;
import io.emojify.track.TrackerSettings;
import io.emojify.video.TestVideos;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ShortBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A slow pan and zoom over the four smiling people, with a tone on the audio track, run through {@code emojify video}. */
class VideoCommandTest {

    private static final int W = 640;
    private static final int H = 360;
    private static final int FRAMES = 48;
    private static final double FPS = 24;

    private static void makeClip(Path photo, Path clip) throws Exception {
        BufferedImage src = ImageIO.read(photo.toFile());
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(clip.toFile(), W, H, 1);
                Java2DFrameConverter conv = new Java2DFrameConverter()) {
            r.setFormat("mp4");
            r.setFrameRate(FPS);
            r.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
            r.setVideoQuality(2);
            r.setSampleRate(22050);
            r.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            r.start();
            for (int f = 0; f < FRAMES; f++) {
                double zoom = 1.0 - 0.15 * f / FRAMES;
                double ww = src.getWidth() * zoom;
                double hh = ww * H / W;
                double x = (src.getWidth() - ww) * f / (FRAMES - 1.0);
                double y = Math.max(0, (src.getHeight() - hh) / 2);
                BufferedImage frame = new BufferedImage(W, H, BufferedImage.TYPE_3BYTE_BGR);
                Graphics2D g = frame.createGraphics();
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.drawImage(src, 0, 0, W, H, (int) x, (int) y, (int) (x + ww), (int) (y + hh), null);
                g.dispose();
                r.record(conv.convert(frame));
                short[] tone = new short[(int) (22050 / FPS)];
                for (int i = 0; i < tone.length; i++) {
                    tone[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * (f * tone.length + i) / 22050.0));
                }
                r.recordSamples(22050, 1, ShortBuffer.wrap(tone));
            }
            r.stop();
        }
    }

    @Test
    void panAndZoomKeepsFourTracksSteadyAndTheVideoIntact(@TempDir Path dir) throws Exception {
        Path clip = dir.resolve("pan.mp4");
        makeClip(SharedData.require("data/faces/photos/2.jpg"), clip);
        Path out = dir.resolve("out.mp4");
        assertEquals(0, EmojifyCommand.run("video", clip.toString(), "-o", out.toString()));

        int frames = 0;
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(out.toFile())) {
            g.start();
            assertEquals("h264", g.getVideoCodecName());
            assertEquals(W, g.getImageWidth());
            assertEquals(H, g.getImageHeight());
            assertEquals(FPS, g.getVideoFrameRate(), 0.01);
            assertTrue(g.getAudioChannels() > 0, "the audio track is kept");
            Frame f;
            while ((f = g.grabImage()) != null) {
                frames++;
            }
        }
        assertEquals(FRAMES, frames);
        assertTrue(Files.size(out) < 2 * Files.size(clip), "about the input's size, not ten times it: "
                + Files.size(out) + " bytes from " + Files.size(clip));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(3, s.count(), "the input, the video and its summary; no temporary file is left");
        }

        JsonObject summary = JsonParser.parseString(Files.readString(dir.resolve("out.mp4.json"))).getAsJsonObject();
        assertEquals("h264", summary.get("videoCodec").getAsString());
        assertEquals("mp4", summary.get("container").getAsString());
        assertEquals(W, summary.get("width").getAsInt());
        assertTrue(summary.get("audio").getAsBoolean());
        JsonArray tracks = summary.getAsJsonArray("tracks");
        List<JsonObject> longTracks = new ArrayList<>();
        for (JsonElement e : tracks) {
            JsonObject t = e.getAsJsonObject();
            if (t.get("frames").getAsInt() >= FRAMES * 0.8) {
                longTracks.add(t);
            }
            JsonArray timeline = t.getAsJsonArray("timeline");
            for (int i = 1; i < timeline.size(); i++) {
                double gap = timeline.get(i).getAsJsonObject().get("time").getAsDouble()
                        - timeline.get(i - 1).getAsJsonObject().get("time").getAsDouble();
                assertTrue(gap >= (TrackerSettings.DEFAULT.switchFrames() - 1) / FPS,
                        "track " + t.get("id") + " switched emoji faster than the hysteresis allows: " + timeline);
            }
        }
        assertEquals(4, longTracks.size(), "four faces followed through the clip: " + tracks);
        assertTrue(tracks.size() <= 6, "at most two id switches: " + tracks);
        for (JsonObject t : longTracks) {
            assertEquals("happy", t.get("dominant").getAsString(), t.toString());
        }
    }

    @Test
    void badInputsGiveAMessageAndNoHalfWrittenOutput(@TempDir Path dir) throws Exception {
        Path text = dir.resolve("notes.mp4");
        Files.writeString(text, "not a video");
        assertEquals(1, EmojifyCommand.run("video", text.toString(), "-o", dir.resolve("o.mp4").toString()));
        assertEquals(1, EmojifyCommand.run("video", dir.resolve("missing.mp4").toString(), "-o",
                dir.resolve("o.mp4").toString()));
        assertEquals(1, EmojifyCommand.run("video", text.toString(), "-o", dir.resolve("no/such/dir/o.mp4").toString()));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(text), s.toList(), "nothing half-written is left");
        }
        assertFalse(Files.exists(dir.resolve("o.mp4")));
        assertEquals(2, EmojifyCommand.run("video"));
    }

    /** Runs the command, capturing standard error; returns {exit code, error text}. */
    private static String[] runCapturingErr(String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
            code = EmojifyCommand.run(args);
        } finally {
            System.setErr(old);
        }
        return new String[] {String.valueOf(code), buf.toString(StandardCharsets.UTF_8)};
    }

    private static List<Path> list(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void anUnknownOutputContainerIsAUsageErrorAndNothingIsWritten(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.mp4");
        TestVideos.record(in, "mp4", avcodec.AV_CODEC_ID_MPEG4, 64, 64, 3, 25, false, null);
        for (String name : new String[] {"out.mp", "out.gif", "out.webm", "out", "out.MP4.part"}) {
            String[] r = runCapturingErr("video", in.toString(), "-o", dir.resolve(name).toString());
            assertEquals("2", r[0], name + ": " + r[1]);
            assertEquals(1, r[1].strip().lines().count(), "one line: " + r[1]);
            assertTrue(r[1].contains("unknown video container") && r[1].contains(".mp4"), r[1]);
        }
        assertEquals(List.of(in), list(dir), "no output, no temporary file");
    }

    @Test
    void theInputIsNeverOverwritten(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.mp4");
        TestVideos.record(in, "mp4", avcodec.AV_CODEC_ID_MPEG4, 64, 64, 3, 25, false, null);
        byte[] before = Files.readAllBytes(in);
        Path link = dir.resolve("link.mp4");
        boolean links = true;
        try {
            Files.createSymbolicLink(link, in);
        } catch (UnsupportedOperationException | java.io.IOException e) {
            links = false;
        }
        List<String> spellings = new ArrayList<>(List.of(in.toString(), dir.resolve("sub/../in.mp4").toString(),
                dir.resolve("./in.mp4").toString()));
        Files.createDirectories(dir.resolve("sub"));
        if (links) {
            spellings.add(link.toString());
        }
        for (String out : spellings) {
            for (boolean overwrite : new boolean[] {false, true}) {
                String[] r = overwrite ? runCapturingErr("video", in.toString(), "-o", out, "--overwrite")
                        : runCapturingErr("video", in.toString(), "-o", out);
                assertEquals("2", r[0], out + ": " + r[1]);
                assertTrue(r[1].contains("is the input"), r[1]);
            }
        }
        assertArrayEquals(before, Files.readAllBytes(in));
    }

    @Test
    void anExistingOutputIsKeptWithoutOverwrite(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.mp4");
        TestVideos.record(in, "mp4", avcodec.AV_CODEC_ID_MPEG4, 64, 64, 3, 25, false, null);
        Path out = dir.resolve("out.mp4");
        Files.writeString(out, "an earlier result");
        String[] r = runCapturingErr("video", in.toString(), "-o", out.toString());
        assertEquals("2", r[0], r[1]);
        assertTrue(r[1].contains("--overwrite"), r[1]);
        assertEquals("an earlier result", Files.readString(out));

        Path out2 = dir.resolve("out2.mp4");
        Files.writeString(dir.resolve("out2.mp4.json"), "{}");
        assertEquals("2", runCapturingErr("video", in.toString(), "-o", out2.toString())[0],
                "the summary beside it is not replaced either");
        assertFalse(Files.exists(out2));

        String help = runCapturingOut("video", "--help");
        assertTrue(help.contains("--overwrite"), help);
    }

    private static String runCapturingOut(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            EmojifyCommand.run(args);
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void coloursAroundRealFacesAreKeptAndOverwriteReplaces(@TempDir Path dir) throws Exception {
        BufferedImage photo = ImageIO.read(SharedData.require("data/faces/photos/2.jpg").toFile());
        BufferedImage middle = new BufferedImage(300, 300 * photo.getHeight() / photo.getWidth(),
                BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = middle.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(photo, 0, 0, middle.getWidth(), middle.getHeight(), null);
        g.dispose();
        Path in = dir.resolve("faces.mkv");
        TestVideos.record(in, "matroska", avcodec.AV_CODEC_ID_MJPEG, W, H, 24, FPS, true, middle);
        Path out = dir.resolve("out.mp4");
        Files.writeString(out, "an earlier result");
        assertEquals(0, EmojifyCommand.run("video", in.toString(), "-o", out.toString(), "--overwrite"));

        assertEquals("isom", TestVideos.mp4Brand(out), "MP4");
        TestVideos.Info src = TestVideos.read(in, 12);
        TestVideos.Info dst = TestVideos.read(out, 12);
        assertEquals("h264", dst.videoCodec());
        assertEquals(24, dst.frames());
        assertTrue(dst.audioChannels() > 0 && dst.audioRms() > 0.1, "the tone is kept");
        for (int q = 0; q < 4; q++) {
            Rectangle region = TestVideos.quadrant(W, H, q);
            double[] a = TestVideos.mean(src.images().get(0), region);
            double[] b = TestVideos.mean(dst.images().get(0), region);
            for (int c = 0; c < 3; c++) {
                assertEquals(a[c], b[c], 6, "quadrant " + q + " channel " + "RGB".charAt(c));
            }
        }
        JsonObject summary = JsonParser.parseString(Files.readString(dir.resolve("out.mp4.json"))).getAsJsonObject();
        assertEquals(4, summary.getAsJsonArray("tracks").size(), summary.toString());
        assertEquals(List.of(in, out, dir.resolve("out.mp4.json")), list(dir));
    }

    @Test
    void aTinyVideoIsAnErrorWithNoOutput(@TempDir Path dir) throws Exception {
        SharedData.require();
        for (int side : new int[] {16, 32}) {
            Path in = dir.resolve("tiny" + side + ".mp4");
            TestVideos.record(in, "mp4", avcodec.AV_CODEC_ID_MPEG4, side, side, 5, 25, false, null);
            Path out = dir.resolve("out" + side + ".mp4");
            String[] r = runCapturingErr("video", in.toString(), "-o", out.toString());
            assertEquals("1", r[0], r[1]);
            assertTrue(r[1].contains("too small"), r[1]);
            assertFalse(r[1].contains("Exception"), r[1]);
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertTrue(s.allMatch(p -> p.getFileName().toString().startsWith("tiny")), "only the inputs are left");
        }
    }

    @Test
    void aVideoCutShortIsAnErrorThatSaysHowMuchIsMissing(@TempDir Path dir) throws Exception {
        SharedData.require();
        Path clip = dir.resolve("clip.mp4");
        TestVideos.record(clip, "mp4", avcodec.AV_CODEC_ID_MPEG4, 96, 96, 60, 25, false, null);
        Path whole = dir.resolve("whole.mp4");
        assertEquals(0, EmojifyCommand.run("video", clip.toString(), "-o", whole.toString()));
        // emojify writes fast-start MP4 (the index first): half of it still opens, as a download cut short does
        byte[] bytes = Files.readAllBytes(whole);
        Path half = dir.resolve("half.mp4");
        Files.write(half, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Path out = dir.resolve("out.mp4");
        String[] r = runCapturingErr("video", half.toString(), "-o", out.toString());
        assertEquals("1", r[0], r[1]);
        assertTrue(r[1].contains(half + " is incomplete") && r[1].contains("of the 60 frames"), r[1]);
        assertFalse(r[1].contains("\tat "), "no stack trace: " + r[1]);
        assertFalse(Files.exists(out), "no output for an incomplete input");
        assertFalse(Files.exists(dir.resolve("out.mp4.json")));
        try (Stream<Path> s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".part")), "no temporary file is left");
        }
    }
}
