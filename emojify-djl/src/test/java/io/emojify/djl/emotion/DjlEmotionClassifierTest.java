package io.emojify.djl.emotion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emojify.contract.EmotionClassifierContract;
import io.emojify.djl.model.EmotionModel;
import io.emojify.djl.model.ModelCard;
import io.emojify.emotion.EmotionClassificationException;
import io.emojify.emotion.EmotionClassifier;
import io.emojify.emotion.FaceCropper;
import io.emojify.face.BoundingBox;
import io.emojify.face.Face;
import io.emojify.model.ModelException;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DJL classifier on the PyTorch engine with a model folder the test builds itself. */
class DjlEmotionClassifierTest extends EmotionClassifierContract {

    @TempDir
    static Path modelDir;

    @Override
    protected EmotionClassifier createClassifier() throws Exception {
        if (!Files.exists(modelDir.resolve(ModelCard.FILE))) {
            TestModels.untrainedCompact(modelDir);
        }
        return new DjlEmotionClassifier(EmotionModel.open(modelDir), "PyTorch");
    }

    @Test
    void closeIsIdempotentAndUseAfterCloseFails() throws Exception {
        EmotionClassifier c = createClassifier();
        c.close();
        c.close();
        assertThrows(EmotionClassificationException.class, () -> c.classify(new BufferedImage(10, 10, 1),
                List.of(new Face(new BoundingBox(1, 1, 5, 5), 1))));
    }

    @Test
    void malformedModelFoldersNameWhatIsWrong(@TempDir Path dir) throws Exception {
        ModelException none = assertThrows(ModelException.class, () -> EmotionModel.open(dir));
        assertTrue(none.getMessage().contains("model-card.json"), none.getMessage());
        Files.writeString(dir.resolve(ModelCard.FILE), "{\"architecture\":\"compact\",\"inputSize\":3}");
        ModelException small = assertThrows(ModelException.class, () -> EmotionModel.open(dir));
        assertTrue(small.getMessage().contains("inputSize is 3"), small.getMessage());
        Files.writeString(dir.resolve(ModelCard.FILE), "{\"architecture\":\"compact\",\"inputSize\":48,"
                + "\"classes\":[\"happy\",\"sad\"]}");
        ModelException classes = assertThrows(ModelException.class, () -> EmotionModel.open(dir));
        assertTrue(classes.getMessage().contains("[happy, sad]"), classes.getMessage());
        Files.writeString(dir.resolve(ModelCard.FILE), "{not json");
        assertThrows(ModelException.class, () -> EmotionModel.open(dir));
        Files.writeString(dir.resolve(ModelCard.FILE), "{\"architecture\":\"compact\",\"inputSize\":48}");
        ModelException params = assertThrows(ModelException.class,
                () -> new DjlEmotionClassifier(EmotionModel.open(dir), "PyTorch"));
        assertTrue(params.getMessage().contains("emotion.params"), params.getMessage());
        Files.writeString(dir.resolve("emotion.params"), "garbage");
        assertThrows(ModelException.class, () -> new DjlEmotionClassifier(EmotionModel.open(dir), "PyTorch"));
    }

    @Test
    void theCardsTemperatureDividesTheLogitsOnBothEngines(@TempDir Path dir) throws Exception {
        // the shipped model, once as shipped and once with its temperature doubled
        EmotionModel shipped = EmotionModel.embedded();
        for (String f : new String[] {ModelCard.FILE, shipped.card().parametersFile(), shipped.card().onnxFile()}) {
            Files.copy(shipped.folder().resolve(f), dir.resolve(f));
        }
        ModelCard card = shipped.card();
        double t = card.temperature();
        String hotter = Files.readString(dir.resolve(ModelCard.FILE))
                .replaceFirst("\"temperature\": [0-9.Ee+-]+", "\"temperature\": " + 2 * t);
        Files.writeString(dir.resolve(ModelCard.FILE), hotter);
        float[][] crops = new float[3][48 * 48];
        for (int i = 0; i < crops.length; i++) {
            for (int p = 0; p < 48 * 48; p++) {
                crops[i][p] = ((p * (i + 3)) % 97) / 96f;
            }
        }
        for (String engine : new String[] {"PyTorch", "OnnxRuntime"}) {
            try (DjlEmotionClassifier asShipped = new DjlEmotionClassifier(shipped, engine);
                    DjlEmotionClassifier doubled = new DjlEmotionClassifier(EmotionModel.open(dir), engine)) {
                assertEquals(2 * t, doubled.temperature(), 1e-9);
                List<io.emojify.emotion.EmotionScores> a = asShipped.classifyCrops(crops);
                List<io.emojify.emotion.EmotionScores> b = doubled.classifyCrops(crops);
                for (int i = 0; i < crops.length; i++) {
                    // softmax(z / 2T) is softmax(log p / 2) where p = softmax(z / T)
                    float[] p = a.get(i).toArray();
                    float[] half = new float[p.length];
                    for (int c = 0; c < p.length; c++) {
                        half[c] = (float) (Math.log(p[c]) / 2);
                    }
                    org.junit.jupiter.api.Assertions.assertArrayEquals(
                            io.emojify.emotion.EmotionScores.fromLogits(half).toArray(), b.get(i).toArray(), 1e-4f,
                            engine + ", crop " + i);
                }
            }
        }
        Files.writeString(dir.resolve(ModelCard.FILE), hotter.replaceFirst("\"temperature\": [0-9.Ee+-]+",
                "\"temperature\": 0"));
        ModelException zero = assertThrows(ModelException.class, () -> EmotionModel.open(dir));
        assertTrue(zero.getMessage().contains("temperature is 0.0"), zero.getMessage());
    }

    @Test
    void mirrorAveragingGivesTheMeanOfAFaceAndItsMirrorImage() {
        float[][] crops = new float[2][48 * 48];
        float[][] mirrored = new float[2][48 * 48];
        for (int i = 0; i < 2; i++) {
            for (int y = 0; y < 48; y++) {
                for (int x = 0; x < 48; x++) {
                    crops[i][y * 48 + x] = ((x * (i + 2) + y * 3) % 61) / 60f; // lopsided: not its own mirror
                    mirrored[i][y * 48 + 47 - x] = crops[i][y * 48 + x];
                }
            }
        }
        try (DjlEmotionClassifier plain = DjlEmotionClassifier.builder().optEngine("OnnxRuntime").build();
                DjlEmotionClassifier averaging = DjlEmotionClassifier.builder().optEngine("OnnxRuntime")
                        .optMirrorAveraging(true).build()) {
            List<io.emojify.emotion.EmotionScores> a = plain.classifyCrops(crops);
            List<io.emojify.emotion.EmotionScores> m = plain.classifyCrops(mirrored);
            List<io.emojify.emotion.EmotionScores> mean = averaging.classifyCrops(crops);
            for (int i = 0; i < 2; i++) {
                float[] expected = new float[7];
                for (int c = 0; c < 7; c++) {
                    expected[c] = (a.get(i).toArray()[c] + m.get(i).toArray()[c]) / 2;
                }
                org.junit.jupiter.api.Assertions.assertArrayEquals(expected, mean.get(i).toArray(), 1e-5f);
                assertTrue(maxDifference(a.get(i).toArray(), m.get(i).toArray()) > 1e-3,
                        "the test crop must score differently from its mirror image");
            }
        }
    }

    private static float maxDifference(float[] a, float[] b) {
        float d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }

    @Test
    void unknownEngineIsAClearError() {
        ModelException e = assertThrows(ModelException.class,
                () -> new DjlEmotionClassifier(EmotionModel.open(modelDir), "TensorFlow"));
        assertTrue(e.getMessage().contains("TensorFlow"), e.getMessage());
    }

    @Test
    void cropIsGrayFramedAndFullEvenAtTheBorder() {
        BufferedImage img = new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(50, 0, 50, 100);
        g.dispose();
        FaceCropper cropper = new FaceCropper(48, 1.0, 0);
        float[] crop = cropper.crop(img, new Face(new BoundingBox(25, 25, 50, 50), 1));
        assertEquals(48 * 48, crop.length);
        assertEquals(0, crop[24 * 48 + 5], 1e-3);
        assertEquals(1, crop[24 * 48 + 42], 1e-3);
        float[] border = cropper.crop(img, new Face(new BoundingBox(-30, -30, 40, 40), 1));
        for (float v : border) {
            assertTrue(v >= 0 && v <= 1);
        }
    }

    @Test
    void closeWhileEightThreadsClassifyNeverReachesAFreedModel() throws Exception {
        DjlEmotionClassifier c = (DjlEmotionClassifier) createClassifier();
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        List<Face> faces = List.of(new Face(new BoundingBox(8, 8, 40, 40), 1));
        int threads = 8;
        java.util.concurrent.CountDownLatch running = new java.util.concurrent.CountDownLatch(threads);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    int done = 0;
                    while (true) {
                        try {
                            assertEquals(1, c.classify(image, faces).size());
                        } catch (EmotionClassificationException e) {
                            // the only failure allowed: the library's own "closed", not an engine error it wrapped
                            assertTrue(e.getMessage().contains("closed") && e.getCause() == null,
                                    "not the closed error: " + e);
                            return done;
                        }
                        if (done++ == 0) {
                            running.countDown();
                        }
                    }
                }));
            }
            assertTrue(running.await(60, java.util.concurrent.TimeUnit.SECONDS), "the threads did not start");
            Thread.sleep(100);
            Thread closer = new Thread(c::close);
            closer.start();
            closer.join(60_000);
            assertTrue(!closer.isAlive(), "close did not finish");
            for (java.util.concurrent.Future<Integer> r : results) {
                assertTrue(r.get(60, java.util.concurrent.TimeUnit.SECONDS) > 0);
            }
        } finally {
            pool.shutdownNow();
            c.close();
        }
    }
}
