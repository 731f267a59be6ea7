package io.emojify.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emojify.EmojifyException;
import io.emojify.emotion.EmotionClassifier;
import io.emojify.emotion.EmotionScores;
import io.emojify.face.BoundingBox;
import io.emojify.face.Face;
import io.emojify.testing.TestImages;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract every {@link EmotionClassifier} must meet. Extend it and implement {@link #createClassifier()}. */
public abstract class EmotionClassifierContract {

    /** The classifier under test, made fresh for each test. */
    protected EmotionClassifier classifier;

    /**
     * @return a new classifier
     * @throws Exception if it cannot be made
     */
    protected abstract EmotionClassifier createClassifier() throws Exception;

    @BeforeEach
    void open() throws Exception {
        classifier = createClassifier();
        assertNotNull(classifier, "createClassifier() returned null");
    }

    @AfterEach
    void closeClassifier() {
        if (classifier != null) {
            classifier.close();
        }
    }

    private static List<Face> faces() {
        return List.of(new Face(new BoundingBox(40, 30, 80, 90), 0.9),
                new Face(new BoundingBox(-20, -10, 60, 60), 0.8), // cut by the top-left border
                new Face(new BoundingBox(150, 100, 80, 80), 0.7), // cut by the bottom-right border
                new Face(new BoundingBox(10, 10, 0.2, 0.2), 0.6)); // rounds to nothing
    }

    @Test
    void oneValidResultPerFaceInOrderOnEveryImageType() {
        for (int type : TestImages.allTypes()) {
            BufferedImage img = TestImages.scene(type, 200, 150);
            int[] before = TestImages.pixels(img);
            List<EmotionScores> scores = classifier.classify(img, faces());
            assertEquals(faces().size(), scores.size(), "one result per face, image type " + type);
            for (EmotionScores s : scores) {
                float sum = 0;
                for (float p : s.toArray()) {
                    assertTrue(p >= 0 && p <= 1, "probability " + p);
                    sum += p;
                }
                assertEquals(1.0, sum, 1e-3);
            }
            assertArrayEquals(before, TestImages.pixels(img), "classify modified an image of type " + type);
        }
    }

    @Test
    void onePictureStoredAsGrayRgbBgrOrWithAlphaGetsTheSameScores() {
        BufferedImage gray = TestImages.grayScene(200, 150);
        List<EmotionScores> expected = classifier.classify(gray, faces());
        for (int type : TestImages.colourTypes()) {
            BufferedImage same = TestImages.sameGrayAs(gray, type);
            List<EmotionScores> got = classifier.classify(same, faces());
            for (int i = 0; i < expected.size(); i++) {
                assertArrayEquals(expected.get(i).toArray(), got.get(i).toArray(), 1e-3f,
                        "face " + i + ": the gray picture stored as image type " + type + " scored differently");
            }
        }
    }

    @Test
    void orderFollowsTheFaces() {
        BufferedImage img = TestImages.scene(BufferedImage.TYPE_INT_RGB, 200, 150);
        List<Face> faces = faces();
        List<EmotionScores> forward = classifier.classify(img, faces);
        List<Face> reversed = new ArrayList<>(faces);
        java.util.Collections.reverse(reversed);
        List<EmotionScores> backward = classifier.classify(img, reversed);
        for (int i = 0; i < faces.size(); i++) {
            assertArrayEquals(forward.get(i).toArray(), backward.get(faces.size() - 1 - i).toArray(), 1e-5f);
        }
    }

    @Test
    void noFacesGiveNoResults() {
        assertEquals(List.of(), classifier.classify(TestImages.scene(BufferedImage.TYPE_INT_RGB, 50, 50), List.of()));
    }

    @Test
    void nullInputIsTheLibrarysError() {
        assertThrows(EmojifyException.class, () -> classifier.classify(null, faces()));
    }

    @Test
    void concurrentCallsGiveTheSameResult() throws Exception {
        BufferedImage img = TestImages.scene(BufferedImage.TYPE_INT_RGB, 200, 150);
        List<EmotionScores> expected = classifier.classify(img, faces());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<EmotionScores>>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> classifier.classify(img, faces())));
            }
            for (Future<List<EmotionScores>> r : results) {
                List<EmotionScores> got = r.get();
                for (int i = 0; i < expected.size(); i++) {
                    assertArrayEquals(expected.get(i).toArray(), got.get(i).toArray(), 1e-5f);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
