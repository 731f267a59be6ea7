package io.emojify.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emojify.djl.face.DetectorSettings;
import io.emojify.emotion.Emotion;
import io.emojify.spark.cli.VideoClips;
import io.emojify.testing.SharedData;
import io.emojify.track.TrackedFace;
import io.emojify.track.TrackerSettings;
import io.emojify.video.OutputContainer;
import io.emojify.video.VideoAnnotator;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link EmojifySpark#videos} in local mode on clips made here (two codecs, one with audio, one without a face), a cut
 * file and a text file named {@code .mp4}, checked against {@link VideoAnnotator} run directly on the same files.
 */
class EmojifySparkVideosTest {

    /** The good clips: name, then width, height, frames. */
    private static final Map<String, int[]> CLIPS = Map.of(
            "face-h264-audio.mp4", new int[] {320, 240, 30},
            "face-mpeg4.avi", new int[] {256, 192, 24},
            "noface-h264.mp4", new int[] {320, 240, 20},
            "faces-mpeg4.mkv", new int[] {288, 216, 20});
    private static final List<String> BAD = List.of("truncated.mp4", "text.mp4");

    @TempDir
    static Path folder;

    private static SparkSession spark;
    private static EmojifySparkOptions options;
    private static Path input;
    private static Path output;
    /** The rows by input file name. */
    private static Map<String, Row> byFile;

    @BeforeAll
    static void emojifyTheFolder() throws IOException {
        Path shared = SharedData.require();
        input = Files.createDirectory(folder.resolve("in"));
        output = folder.resolve("out");
        BufferedImage one = ImageIO.read(shared.resolve("data/faces/photos/13.jpg").toFile());
        BufferedImage four = ImageIO.read(shared.resolve("data/faces/photos/2.jpg").toFile());
        clip("face-h264-audio.mp4", "mp4", avcodec.AV_CODEC_ID_H264, true, one);
        clip("face-mpeg4.avi", "avi", avcodec.AV_CODEC_ID_MPEG4, false, one);
        clip("noface-h264.mp4", "mp4", avcodec.AV_CODEC_ID_H264, false, null);
        clip("faces-mpeg4.mkv", "matroska", avcodec.AV_CODEC_ID_MPEG4, false, four);
        byte[] whole = Files.readAllBytes(input.resolve("face-h264-audio.mp4"));
        Files.write(input.resolve("truncated.mp4"), Arrays.copyOf(whole, whole.length * 3 / 5));
        Files.writeString(input.resolve("text.mp4"), "This is a text file, not a video.\n");

        spark = TestFiles.localSpark("emojify-spark-videos-test");
        options = EmojifySparkOptions.defaults().withModelsFolder(shared.resolve("models").toString())
                .withDetector(DetectorSettings.VIDEO);
        List<String> files = EmojifySpark.listFiles(spark, input.toString());
        byFile = new TreeMap<>();
        for (Row r : EmojifySpark.videos(spark, files, output.toString(), options).collectAsList()) {
            byFile.put(Path.of(r.<String>getAs(EmojifySpark.PATH).replaceFirst("^file:", "")).getFileName().toString(),
                    r);
        }
    }

    private static void clip(String name, String format, int codec, boolean audio, BufferedImage photo)
            throws IOException {
        int[] c = CLIPS.get(name);
        VideoClips.write(input.resolve(name), format, codec, c[0], c[1], c[2], 25, audio, photo);
    }

    @AfterAll
    static void stop() {
        TestFiles.stop(spark);
    }

    @Test
    void eachGoodClipIsWrittenWithItsFrameCountAndSize() throws Exception {
        for (Map.Entry<String, int[]> clip : CLIPS.entrySet()) {
            Row r = byFile.get(clip.getKey());
            assertNull(r.getAs(EmojifySpark.ERROR), clip.getKey());
            String stem = clip.getKey().substring(0, clip.getKey().lastIndexOf('.'));
            Path written = output.resolve(stem + ".mp4");
            assertEquals(written.toUri().toString().replace("file:///", "file:/"), r.getAs(EmojifySpark.OUTPUT));
            int[] in = decode(input.resolve(clip.getKey()));
            int[] out = decode(written);
            assertEquals(clip.getValue()[2], in[2], "frames in " + clip.getKey());
            assertEquals(in[2], out[2], "frames of " + written);
            assertEquals(in[0], out[0], "width of " + written);
            assertEquals(in[1], out[1], "height of " + written);
            assertEquals(in[2], (int) r.getAs(EmojifySpark.FRAMES_WRITTEN));
            assertEquals(in[2], (int) r.getAs(EmojifySpark.FRAMES_READ));
            assertEquals(clip.getKey().contains("audio"), r.<Boolean>getAs("audio"), clip.getKey());
            assertEquals(in[3] > 0, out[3] > 0, "audio of " + written);
        }
    }

    @Test
    void theRowsAreWhatVideoAnnotatorGivesOnTheSameFiles(@TempDir Path direct) {
        try (EmojifyInstance instance = EmojifyInstance.open(options)) {
            for (String name : CLIPS.keySet()) {
                int[] emotions = new int[Emotion.count()];
                Set<Integer> tracks = new HashSet<>();
                VideoAnnotator.Result expected = new VideoAnnotator(instance.emojify(), TrackerSettings.DEFAULT)
                        .annotate(input.resolve(name), direct.resolve(name + ".mp4"), OutputContainer.MP4,
                                (frame, total, seconds, faces) -> {
                                    for (TrackedFace t : faces) {
                                        if (t.missedFrames() == 0) {
                                            tracks.add(t.trackId());
                                            emotions[t.face().emotion().index()]++;
                                        }
                                    }
                                });
                Row r = byFile.get(name);
                assertEquals(expected.frames(), (int) r.getAs(EmojifySpark.FRAMES_WRITTEN), name);
                assertEquals(expected.inputWidth(), (int) r.getAs("width"), name);
                assertEquals(expected.inputHeight(), (int) r.getAs("height"), name);
                assertEquals(expected.fps(), r.<Double>getAs("fps"), 1e-9, name);
                assertEquals(expected.frames() / expected.fps(), r.<Double>getAs("duration"), 1e-9, name);
                assertEquals(expected.audio(), r.<Boolean>getAs("audio"), name);
                assertEquals(tracks.size(), (int) r.getAs(EmojifySpark.FACES), name);
                for (Emotion e : Emotion.values()) {
                    assertEquals(emotions[e.index()], (int) r.getAs(e.label() + EmojifySpark.FRAMES_SUFFIX),
                            name + " " + e);
                }
                assertEquals(tracks.size(), r.getList(r.fieldIndex(EmojifySpark.TRACKS)).size(), name);
            }
        }
        assertEquals(0, (int) byFile.get("noface-h264.mp4").getAs(EmojifySpark.FACES), "no face, no track");
        assertTrue((int) byFile.get("face-h264-audio.mp4").getAs(EmojifySpark.FACES) >= 1, "the photo's face");
        assertTrue((int) byFile.get("faces-mpeg4.mkv").getAs(EmojifySpark.FACES) >= 2, "the photo of four");
    }

    @Test
    void eachBadFileGivesAnErrorRowNamingIt() {
        assertEquals(CLIPS.size() + BAD.size(), byFile.size());
        for (String bad : BAD) {
            Row r = byFile.get(bad);
            String error = r.getAs(EmojifySpark.ERROR);
            assertNotNull(error, bad);
            assertTrue(error.contains(bad), error);
            assertNull(r.getAs(EmojifySpark.OUTPUT), bad);
            assertNull(r.getAs(EmojifySpark.FRAMES_WRITTEN), bad);
        }
        assertTrue(byFile.get("truncated.mp4").<String>getAs(EmojifySpark.ERROR).contains("incomplete"),
                byFile.get("truncated.mp4").<String>getAs(EmojifySpark.ERROR));
    }

    @Test
    void theOutputFolderHoldsTheVideosOnlyAndNothingUnderATemporaryName() throws IOException {
        try (Stream<Path> files = Files.list(output)) {
            assertEquals(Set.of("face-h264-audio.mp4", "face-mpeg4.mp4", "noface-h264.mp4", "faces-mpeg4.mp4"),
                    new HashSet<>(files.map(p -> p.getFileName().toString()).toList()));
        }
    }

    @Test
    void anExistingOutputIsNeverReplaced() throws IOException {
        Path again = Files.createDirectory(folder.resolve("again"));
        Files.writeString(again.resolve("noface-h264.mp4"), "the user's");
        EmojifySparkException e = assertThrows(EmojifySparkException.class, () -> EmojifySpark.videos(spark,
                List.of(input.resolve("noface-h264.mp4").toString()), again.toString(), options));
        assertTrue(e.getMessage().contains("noface-h264.mp4") && e.getMessage().contains("exists"), e.getMessage());
        assertEquals("the user's", Files.readString(again.resolve("noface-h264.mp4")));
    }

    @Test
    void namesThatWouldCollideGetTheHashOfTheirPath() {
        Map<String, String> names = EmojifySpark.outputNames(List.of("/a/clip.mov", "/b/clip.mp4", "/c/other.avi"));
        assertEquals("other.mp4", names.get("/c/other.avi"));
        assertTrue(names.get("/a/clip.mov").matches("clip-[0-9a-f]{8}\\.mp4"), names.toString());
        assertTrue(!names.get("/a/clip.mov").equals(names.get("/b/clip.mp4")), names.toString());
    }

    @Test
    void eachTrackHasARowWithItsSpanAndMeanProbabilities() {
        List<Row> tracks = EmojifySpark.videoTracks(spark.createDataFrame(List.copyOf(byFile.values()),
                EmojifySpark.videoSchema())).collectAsList();
        int expected = 0;
        for (Row r : byFile.values()) {
            if (r.getAs(EmojifySpark.ERROR) == null) {
                expected += r.<Integer>getAs(EmojifySpark.FACES);
            }
        }
        assertEquals(expected, tracks.size());
        for (Row t : tracks) {
            int first = t.getAs("first_frame");
            int last = t.getAs("last_frame");
            int frames = t.getAs("frames");
            assertTrue(first <= last && frames >= 1 && frames <= last - first + 1, t.toString());
            double sum = 0;
            for (String label : Emotion.labels()) {
                sum += t.<Float>getAs(label);
            }
            assertEquals(1, sum, 1e-3, t.toString());
            assertNotNull(Emotion.fromLabel(t.getAs(EmojifySpark.EMOTION)));
        }
    }

    /** Width, height, video frames and audio frames of a file, decoded. */
    private static int[] decode(Path file) throws Exception {
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
            g.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
            g.start();
            int frames = 0;
            int audio = 0;
            Frame f;
            while ((f = g.grab()) != null) {
                if (f.image != null) {
                    frames++;
                } else if (f.samples != null) {
                    audio++;
                }
            }
            return new int[] {g.getImageWidth(), g.getImageHeight(), frames, audio};
        }
    }
}
