package io.emojify.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emojify.Emojify;
import io.emojify.face.BoundingBox;
import io.emojify.face.Face;
import io.emojify.face.FaceDetectionException;
import io.emojify.track.TrackerSettings;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.bytedeco.ffmpeg.global.avcodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link VideoAnnotator} on videos made here: colours of flat areas away from the face survive for several input codecs,
 * the output is H.264 in MP4 at the input's size and rate with its audio, odd sizes are padded and reported, tiny and
 * unknown outputs are refused. The face detector is a stand-in that always finds one face in the middle of the frame, so
 * an emoji is drawn there without any model download.
 */
class VideoAnnotatorTest {

    /** Levels (0-255) a flat area's mean may move per channel through decoding, drawing and H.264. */
    private static final double TOLERANCE = 6;

    private static Emojify emojify;

    @BeforeAll
    static void createEmojify() {
        emojify = Emojify.builder().optFaceDetector(image -> {
            double s = Math.min(image.getWidth(), image.getHeight()) / 4.0;
            return List.of(new Face(new BoundingBox((image.getWidth() - s) / 2, (image.getHeight() - s) / 2, s, s), 0.99));
        }).build();
    }

    @AfterAll
    static void closeEmojify() {
        emojify.close();
    }

    private static VideoAnnotator.Result annotate(Path in, Path out) {
        return new VideoAnnotator(emojify, TrackerSettings.DEFAULT).annotate(in, out, OutputContainer.MP4, null);
    }

    @ParameterizedTest(name = "{0} in {1}, audio {5}")
    @CsvSource({
        "H264,  mp4,      in.mp4, 320, 240, true",
        "MPEG4, avi,      in.avi, 320, 240, false",
        "MJPEG, matroska, in.mkv, 320, 240, true",
        // small widths: FFmpeg pads the rows, Java2DFrameConverter took that padding for extra channels
        "MPEG4, avi,      in.avi,  96,  64, false",
    })
    void flatColoursAudioSizeAndRateSurviveAsH264InMp4(String codec, String format, String name, int w, int h,
            boolean audio, @TempDir Path dir) throws Exception {
        int codecId = switch (codec) {
            case "H264" -> avcodec.AV_CODEC_ID_H264;
            case "MPEG4" -> avcodec.AV_CODEC_ID_MPEG4;
            case "MJPEG" -> avcodec.AV_CODEC_ID_MJPEG;
            default -> throw new IllegalArgumentException(codec);
        };
        Path in = dir.resolve(name);
        int frames = 30;
        TestVideos.record(in, format, codecId, w, h, frames, 25, audio, null);
        Path out = dir.resolve("out.mp4");
        VideoAnnotator.Result r = annotate(in, out);

        assertEquals(frames, r.frames());
        assertEquals(w, r.width());
        assertEquals(h, r.height());
        assertEquals(audio, r.audio());

        TestVideos.Info src = TestVideos.read(in, 0, frames / 2, frames - 1);
        TestVideos.Info dst = TestVideos.read(out, 0, frames / 2, frames - 1);
        assertEquals("h264", dst.videoCodec(), "the video is H.264");
        String brand = TestVideos.mp4Brand(out);
        assertNotNull(brand, "the file is ISO base media (MP4)");
        assertFalse(brand.equals("qt  "), "an MP4 brand, not QuickTime: " + brand);
        assertEquals(w, dst.width());
        assertEquals(h, dst.height());
        assertEquals(src.fps(), dst.fps(), 0.01);
        assertEquals(frames, dst.frames());
        if (audio) {
            assertTrue(dst.audioChannels() > 0, "the audio track is kept");
            assertEquals("aac", dst.audioCodec());
            assertTrue(dst.audioRms() > 0.1, "the tone is audible: RMS " + dst.audioRms());
            assertEquals(src.audioRms(), dst.audioRms(), 0.02, "at the input's level");
            assertEquals(2 * TestVideos.TONE_HZ, dst.audioZeroCrossingsHz(), 40, "the tone is still 440 Hz");
        } else {
            assertEquals(0, dst.audioChannels(), "no audio track is invented");
        }

        for (int i = 0; i < 3; i++) {
            BufferedImage a = src.images().get(i);
            BufferedImage b = dst.images().get(i);
            for (int q = 0; q < 4; q++) {
                Rectangle region = TestVideos.quadrant(w, h, q);
                double[] ma = TestVideos.mean(a, region);
                double[] mb = TestVideos.mean(b, region);
                double[] expected = {TestVideos.COLOURS.get(q).getRed(), TestVideos.COLOURS.get(q).getGreen(),
                    TestVideos.COLOURS.get(q).getBlue()};
                for (int c = 0; c < 3; c++) {
                    String what = String.format(Locale.ROOT, "%s frame %d quadrant %d channel %s: input %.1f, output %.1f",
                            codec, i, q, "RGB".charAt(c), ma[c], mb[c]);
                    assertEquals(expected[c], ma[c], 12, "the test input itself decodes right: " + what);
                    assertEquals(ma[c], mb[c], TOLERANCE, what);
                }
            }
            double s = Math.min(w, h) / 4.0;
            Rectangle face = new Rectangle((int) ((w - s) / 2), (int) ((h - s) / 2), (int) s, (int) s);
            double[] fa = TestVideos.mean(a, face);
            double[] fb = TestVideos.mean(b, face);
            double diff = Math.abs(fa[0] - fb[0]) + Math.abs(fa[1] - fb[1]) + Math.abs(fa[2] - fb[2]);
            assertTrue(diff > 20, "an emoji is drawn over the face: mean moved by " + diff);
        }
        assertTrue(Files.size(out) < Math.max(3 * Files.size(in), 200_000),
                "H.264 at about the input's quality, not a bloated file: " + Files.size(out) + " bytes from "
                        + Files.size(in));
    }

    @Test
    void anOddSizedVideoIsPaddedByOneColumnAndRowAndReportedSo(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("odd.y4m");
        TestVideos.writeY4m(in, 641, 479, 5, 25);
        TestVideos.Info src = TestVideos.read(in, 0);
        assertEquals(641, src.width(), "the test input really is odd-sized");
        assertEquals(479, src.height());

        Path out = dir.resolve("out.mp4");
        VideoAnnotator.Result r = annotate(in, out);
        assertEquals(641, r.inputWidth());
        assertEquals(479, r.inputHeight());
        assertEquals(642, r.width());
        assertEquals(480, r.height());
        TestVideos.Info dst = TestVideos.read(out, 0);
        assertEquals(642, dst.width(), "the size reported is the size written");
        assertEquals(480, dst.height());
        assertEquals(5, dst.frames());
        BufferedImage a = src.images().get(0);
        BufferedImage b = dst.images().get(0);
        for (int q = 0; q < 4; q++) {
            Rectangle region = TestVideos.quadrant(641, 479, q);
            double[] ma = TestVideos.mean(a, region);
            double[] mb = TestVideos.mean(b, region);
            for (int c = 0; c < 3; c++) {
                assertEquals(ma[c], mb[c], TOLERANCE, "quadrant " + q + " channel " + c);
            }
        }
        // not stretched: the padding repeats the last column and row, the picture keeps its pixels where they were
        double[] lastIn = TestVideos.mean(a, new Rectangle(640, 10, 1, 200));
        double[] padOut = TestVideos.mean(b, new Rectangle(641, 10, 1, 200));
        double[] bottomIn = TestVideos.mean(a, new Rectangle(10, 478, 300, 1));
        double[] padBottom = TestVideos.mean(b, new Rectangle(10, 479, 300, 1));
        for (int c = 0; c < 3; c++) {
            assertEquals(lastIn[c], padOut[c], 2 * TOLERANCE, "padded column, channel " + c);
            assertEquals(bottomIn[c], padBottom[c], 2 * TOLERANCE, "padded row, channel " + c);
        }
    }

    @ParameterizedTest
    @CsvSource({"16, 16", "32, 32", "640, 32"})
    void tinyVideosAreRefusedWithAVideoException(int w, int h, @TempDir Path dir) throws Exception {
        Path in = dir.resolve("tiny.mp4");
        TestVideos.record(in, "mp4", avcodec.AV_CODEC_ID_MPEG4, w, h, 5, 25, false, null);
        Path out = dir.resolve("out.mp4");
        VideoException e = assertThrows(VideoException.class, () -> annotate(in, out));
        assertTrue(e.getMessage().contains(w + "x" + h) && e.getMessage().contains("too small"), e.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void anUnknownContainerIsRefusedBeforeFfmpegIsInvolved(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.mp4");
        TestVideos.record(in, "mp4", avcodec.AV_CODEC_ID_MPEG4, 64, 64, 3, 25, false, null);
        for (String format : new String[] {"mp", "gif", "webm", "", "image2"}) {
            Path out = dir.resolve("out." + format);
            VideoException e = assertThrows(VideoException.class,
                    () -> new VideoAnnotator(emojify, TrackerSettings.DEFAULT).annotate(in, out, format, null));
            assertTrue(e.getMessage().contains(".mp4"), e.getMessage());
            assertFalse(Files.exists(out));
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(in), s.toList());
        }
    }

    /** The threads of a running annotation: the decoder's and the ordered session's. */
    private static List<Thread> pipelineThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("emojify-video-decode") || t.getName().startsWith("emojify-ordered"))
                .toList();
    }

    /** Fails unless every pipeline thread has ended (a worker told to stop may take a moment to leave its run loop). */
    private static void assertNoPipelineThreadLeft() throws InterruptedException {
        for (int i = 0; i < 40 && !pipelineThreads().isEmpty(); i++) {
            Thread.sleep(50);
        }
        assertEquals(List.of(), pipelineThreads(), "no decoder or analysis thread is left running");
    }

    @Test
    void aFrameThatCannotBeAnalysedStopsEveryStageWithAVideoException(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.mp4");
        TestVideos.record(in, "mp4", avcodec.AV_CODEC_ID_MPEG4, 160, 120, 60, 25, true, null);
        AtomicInteger calls = new AtomicInteger();
        try (Emojify failing = Emojify.builder().optFaceDetector(image -> {
            if (calls.incrementAndGet() == 5) {
                throw new FaceDetectionException("broken on purpose");
            }
            return List.of();
        }).build()) {
            List<Integer> seen = new ArrayList<>();
            VideoException e = assertThrows(VideoException.class, () -> new VideoAnnotator(failing,
                    TrackerSettings.DEFAULT).annotate(in, dir.resolve("out.mp4"), OutputContainer.MP4,
                            (frame, total, seconds, faces) -> seen.add(frame)));
            assertTrue(e.getMessage().startsWith("Cannot emojify frame 4 of " + in + ": ")
                    && e.getMessage().contains("broken on purpose"), e.getMessage());
            assertEquals(List.of(0, 1, 2, 3), seen, "the frames before it were written, in order");
            assertTrue(calls.get() < 60, "the decoder stopped soon after: " + calls.get() + " frames analysed");
        }
        assertNoPipelineThreadLeft();
    }

    @Test
    void aFrameTheDecoderCannotConvertIsAVideoExceptionFromTheDecoderThread(@TempDir Path dir) throws Exception {
        // two MPEG-TS streams of different sizes, one after the other: FFmpeg decodes the second at its own size
        Path a = dir.resolve("a.ts");
        Path b = dir.resolve("b.ts");
        TestVideos.record(a, "mpegts", avcodec.AV_CODEC_ID_MPEG2VIDEO, 160, 120, 10, 25, false, null);
        TestVideos.record(b, "mpegts", avcodec.AV_CODEC_ID_MPEG2VIDEO, 320, 240, 10, 25, false, null);
        Path in = dir.resolve("in.ts");
        Files.write(in, Files.readAllBytes(a));
        Files.write(in, Files.readAllBytes(b), java.nio.file.StandardOpenOption.APPEND);
        VideoException e = assertThrows(VideoException.class, () -> annotate(in, dir.resolve("out.mp4")));
        assertTrue(e.getMessage().contains("320x240") && e.getMessage().contains("160x120"), e.getMessage());
        assertNoPipelineThreadLeft();
    }

    @Test
    void anInterruptStopsEveryStageAndIsKept(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.mp4");
        TestVideos.record(in, "mp4", avcodec.AV_CODEC_ID_MPEG4, 160, 120, 60, 25, true, null);
        VideoException e;
        boolean interrupted;
        try {
            e = assertThrows(VideoException.class, () -> new VideoAnnotator(emojify, TrackerSettings.DEFAULT)
                    .annotate(in, dir.resolve("out.mp4"), OutputContainer.MP4, (frame, total, seconds, faces) -> {
                        if (frame == 3) {
                            Thread.currentThread().interrupt();
                        }
                    }));
        } finally {
            interrupted = Thread.interrupted();
        }
        assertEquals("Interrupted while emojifying " + in, e.getMessage());
        assertTrue(interrupted, "the caller's interrupt status is kept");
        assertNoPipelineThreadLeft();
    }

    @Test
    void aCompleteRunLeavesNoThreadAndWritesTheFramesInOrder(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.mp4");
        TestVideos.record(in, "mp4", avcodec.AV_CODEC_ID_MPEG4, 160, 120, 40, 25, true, null);
        List<Integer> seen = new ArrayList<>();
        VideoAnnotator.Result r = new VideoAnnotator(emojify, TrackerSettings.DEFAULT).annotate(in,
                dir.resolve("out.mp4"), OutputContainer.MP4, (frame, total, seconds, faces) -> seen.add(frame));
        assertEquals(40, r.frames());
        assertEquals(IntStream.range(0, 40).boxed().toList(), seen);
        assertNoPipelineThreadLeft();
    }

    @Test
    void containersByExtension() {
        assertEquals(OutputContainer.MP4, OutputContainer.forFile(Path.of("a/b.MP4")).orElseThrow());
        assertEquals(OutputContainer.MATROSKA, OutputContainer.forFile(Path.of("b.mkv")).orElseThrow());
        assertEquals("matroska", OutputContainer.forName("mkv").orElseThrow().format());
        for (String bad : new String[] {"b.mp", "b", ".mp4", "b.", "b.gif", "b.webm"}) {
            assertTrue(OutputContainer.forFile(Path.of(bad)).isEmpty(), bad);
        }
        assertArrayEquals(new Object[] {"mp4", "m4v"}, OutputContainer.MP4.extensions().toArray());
    }
}
