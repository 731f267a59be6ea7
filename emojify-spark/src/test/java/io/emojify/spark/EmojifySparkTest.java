package io.emojify.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emojify.AnnotatedFace;
import io.emojify.Emojify;
import io.emojify.djl.emotion.DjlEmotionClassifier;
import io.emojify.djl.face.DetectorSettings;
import io.emojify.djl.face.YuNetFaceDetector;
import io.emojify.djl.model.EmotionModel;
import io.emojify.emotion.Emotion;
import io.emojify.image.ImageDecoder;
import io.emojify.render.RenderMode;
import io.emojify.testing.SharedData;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link EmojifySpark} in local mode on the shared face photos and on files that are not readable images, checked
 * against Emojify called directly on the same files.
 */
class EmojifySparkTest {

    @TempDir
    static Path folder;

    private static SparkSession spark;
    private static Path shared;
    private static EmojifySparkOptions options;
    private static List<String> photos;
    /** The rows of all the photos and bad files, by file name. */
    private static Map<String, List<Row>> byFile;

    @BeforeAll
    static void analyseTheFolder() throws IOException {
        shared = SharedData.require();
        photos = TestFiles.copyPhotos(shared, folder);
        TestFiles.writeBrokenFiles(shared, folder);
        Files.writeString(folder.resolve(".hidden.jpg"), "skipped: hidden");
        Files.writeString(folder.resolve("_SUCCESS"), "");
        spark = TestFiles.localSpark("emojify-spark-test");
        options = EmojifySparkOptions.defaults().withModelsFolder(shared.resolve("models").toString());
        byFile = new TreeMap<>();
        for (Row r : EmojifySpark.faces(EmojifySpark.readImages(spark, folder.toString()), options).collectAsList()) {
            byFile.computeIfAbsent(TestFiles.name(r.getAs(EmojifySpark.PATH)), k -> new ArrayList<>()).add(r);
        }
    }

    @AfterAll
    static void stop() {
        TestFiles.stop(spark);
    }

    @Test
    void everyFileHasRowsAndHiddenFilesNone() {
        List<String> expected = new ArrayList<>(photos);
        expected.addAll(TestFiles.BROKEN);
        assertEquals(new java.util.TreeSet<>(expected), byFile.keySet());
    }

    @Test
    void eachBadFileGivesOneErrorRowAndTheTaskGoesOn() {
        for (String bad : TestFiles.BROKEN) {
            List<Row> rows = byFile.get(bad);
            assertEquals(1, rows.size(), bad);
            Row r = rows.get(0);
            assertNotNull(r.getAs(EmojifySpark.ERROR), bad);
            assertTrue(((String) r.getAs(EmojifySpark.ERROR)).contains(bad), bad + ": " + r.getAs(EmojifySpark.ERROR));
            assertNull(r.getAs(EmojifySpark.FACE), bad);
            assertNull(r.getAs(EmojifySpark.IMAGE_WIDTH), bad);
        }
        assertTrue(((String) byFile.get("empty.jpg").get(0).getAs(EmojifySpark.ERROR)).contains("empty"));
        assertTrue(((String) byFile.get("huge.png").get(0).getAs(EmojifySpark.ERROR)).contains("100000x100000"));
        assertTrue(((String) byFile.get("truncated.jpg").get(0).getAs(EmojifySpark.ERROR)).contains("truncated"));
    }

    @Test
    void probabilitiesOfEveryFaceSumToOneAndNameItsEmotion() {
        int faces = 0;
        for (String photo : photos) {
            for (Row r : byFile.get(photo)) {
                assertNull(r.getAs(EmojifySpark.ERROR), photo);
                if (r.getAs(EmojifySpark.FACE) == null) {
                    continue;
                }
                faces++;
                double sum = 0;
                float best = -1;
                String top = null;
                for (String label : Emotion.labels()) {
                    float p = r.getAs(label);
                    sum += p;
                    if (p > best) {
                        best = p;
                        top = label;
                    }
                }
                assertEquals(1.0, sum, 1e-3, photo);
                assertEquals(top, r.getAs(EmojifySpark.EMOTION), photo);
                assertEquals(10, r.getList(r.fieldIndex("landmarks")).size(), photo);
            }
        }
        assertTrue(faces > 500, "the shared photos hold hundreds of faces, found " + faces);
    }

    @Test
    void sameFacesAndEmotionsAsEmojifyCalledDirectly() {
        ImageDecoder decoder = new ImageDecoder();
        try (YuNetFaceDetector detector = new YuNetFaceDetector(
                        shared.resolve("models").resolve(YuNetFaceDetector.MODEL.path()), DetectorSettings.PHOTO);
                DjlEmotionClassifier classifier = new DjlEmotionClassifier(EmotionModel.embedded());
                Emojify emojify = Emojify.builder().optFaceDetector(detector).optEmotionClassifier(classifier).build()) {
            int withoutFace = 0;
            for (String photo : photos) {
                BufferedImage image = decoder.read(folder.resolve(photo));
                List<AnnotatedFace> direct = emojify.analyze(image);
                List<Row> rows = byFile.get(photo);
                if (direct.isEmpty()) {
                    withoutFace++;
                    assertEquals(1, rows.size(), photo);
                    assertNull(rows.get(0).getAs(EmojifySpark.FACE), photo);
                    assertEquals(image.getWidth(), (int) rows.get(0).getAs(EmojifySpark.IMAGE_WIDTH), photo);
                    continue;
                }
                assertEquals(direct.size(), rows.size(), photo);
                for (Row r : rows) {
                    AnnotatedFace f = direct.get(r.getAs(EmojifySpark.FACE));
                    assertEquals(f.emotion().label(), r.getAs(EmojifySpark.EMOTION), photo);
                    assertEquals(f.emoji().text(), r.getAs("emoji"), photo);
                    assertEquals(f.face().box().x(), r.getAs("box_x"), 1e-6, photo);
                    assertEquals(f.face().box().width(), r.getAs("box_width"), 1e-6, photo);
                    float[] p = new float[Emotion.count()];
                    for (Emotion e : Emotion.values()) {
                        p[e.index()] = r.getAs(e.label());
                    }
                    assertArrayEquals(f.scores().toArray(), p, 1e-5f, photo);
                    assertEquals(image.getHeight(), (int) r.getAs(EmojifySpark.IMAGE_HEIGHT), photo);
                }
            }
            assertTrue(withoutFace >= 1, "the dog photo has no face");
        }
    }

    @Test
    void emotionCountsAddUpToTheFaces() {
        long faces = byFile.values().stream().flatMap(List::stream).filter(r -> r.getAs(EmojifySpark.FACE) != null)
                .count();
        Map<String, Long> expected = new HashMap<>();
        byFile.values().stream().flatMap(List::stream).filter(r -> r.getAs(EmojifySpark.EMOTION) != null)
                .forEach(r -> expected.merge(r.getAs(EmojifySpark.EMOTION), 1L, Long::sum));
        Dataset<Row> counted = EmojifySpark.emotionCounts(spark.createDataFrame(
                byFile.values().stream().flatMap(List::stream).toList(), EmojifySpark.schema(options)));
        Map<String, Long> counts = new HashMap<>();
        long previous = Long.MAX_VALUE;
        for (Row r : counted.collectAsList()) {
            long n = r.getLong(1);
            assertTrue(n <= previous, "most frequent first");
            previous = n;
            counts.put(r.getString(0), n);
        }
        assertEquals(expected, counts);
        assertEquals(faces, counts.values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void theImageColumnHoldsTheEmojifiedImageOnTheFirstRowOfEachImage() throws IOException {
        Path two = Files.createDirectory(folder.resolve("render"));
        Files.copy(folder.resolve("photos-2.jpg"), two.resolve("a.jpg"));
        Files.writeString(two.resolve("b.jpg"), "not an image");
        EmojifySparkOptions png = options.withImage("png", RenderMode.BOXES);
        List<Row> rows = EmojifySpark.faces(EmojifySpark.readImages(spark, two.toString()), png).collectAsList();
        List<Row> a = rows.stream().filter(r -> TestFiles.name(r.getAs(EmojifySpark.PATH)).equals("a.jpg")).toList();
        assertEquals(byFile.get("photos-2.jpg").size(), a.size());
        int withImage = 0;
        for (Row r : a) {
            byte[] encoded = r.getAs(EmojifySpark.IMAGE);
            if (encoded != null) {
                withImage++;
                assertEquals(0, (int) r.getAs(EmojifySpark.FACE));
                BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(encoded));
                assertEquals((int) r.getAs(EmojifySpark.IMAGE_WIDTH), decoded.getWidth());
                assertEquals((int) r.getAs(EmojifySpark.IMAGE_HEIGHT), decoded.getHeight());
            }
        }
        assertEquals(1, withImage);
        Row b = rows.stream().filter(r -> TestFiles.name(r.getAs(EmojifySpark.PATH)).equals("b.jpg")).findFirst()
                .orElseThrow();
        assertNotNull(b.getAs(EmojifySpark.ERROR));
        assertNull(b.getAs(EmojifySpark.IMAGE));
    }

    @Test
    void perTaskInstancesAreClosedWhenTheirTasksEnd() throws IOException {
        Path three = Files.createDirectory(folder.resolve("per-task"));
        for (String name : List.of("photos-2.jpg", "photos-13.jpg", "dlib-dogs.jpg")) {
            Files.copy(folder.resolve(name), three.resolve(name));
        }
        int before = EmojifyInstance.openCount();
        EmojifySparkOptions perTask = options.withScope(EmojifySparkOptions.Scope.TASK);
        List<Row> rows = EmojifySpark.faces(EmojifySpark.readImages(spark, three.toString()).repartition(3), perTask)
                .collectAsList();
        assertEquals(before, EmojifyInstance.openCount(), "every per-task instance is closed");
        Map<String, Integer> faces = new TreeMap<>();
        rows.forEach(r -> faces.merge(TestFiles.name(r.getAs(EmojifySpark.PATH)), 1, Integer::sum));
        for (Map.Entry<String, Integer> e : faces.entrySet()) {
            assertEquals(byFile.get(e.getKey()).size(), e.getValue(), e.getKey());
        }
        assertEquals(3, faces.size());
    }

    @Test
    void closeInstancesClosesTheExecutorsEmojify() throws IOException {
        Path one = Files.createDirectory(folder.resolve("one"));
        Files.copy(folder.resolve("photos-13.jpg"), one.resolve("a.jpg"));
        EmojifySparkOptions other = options.withDetector(DetectorSettings.VIDEO);
        int before = EmojifyInstance.openCount();
        long rows = EmojifySpark.faces(EmojifySpark.readImages(spark, one.toString()), other).count();
        assertTrue(rows >= 1);
        assertEquals(before + 1, EmojifyInstance.openCount(), "options of their own get an instance of their own");
        assertTrue(EmojifySpark.closeInstances() >= 1);
        assertEquals(0, EmojifyInstance.openCount());
        assertEquals(0, EmojifySpark.openInstances());
    }
}
