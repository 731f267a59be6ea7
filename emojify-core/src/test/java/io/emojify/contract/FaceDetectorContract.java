package io.emojify.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.emojify.EmojifyException;
import io.emojify.face.Face;
import io.emojify.face.FaceDetector;
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

/**
 * The contract every {@link FaceDetector} must meet. Extend it in your tests and implement {@link #createDetector()}; give
 * {@link #imageWithFaces()} an image with faces to check detection itself.
 */
public abstract class FaceDetectorContract {

    /** The detector under test, made fresh for each test. */
    protected FaceDetector detector;

    /**
     * @return a new detector
     * @throws Exception if it cannot be made
     */
    protected abstract FaceDetector createDetector() throws Exception;

    /**
     * An image with at least {@link #expectedFaces()} faces, or null to skip the detection check (reported as skipped).
     *
     * @return the image
     * @throws Exception if it cannot be read
     */
    protected BufferedImage imageWithFaces() throws Exception {
        return null;
    }

    /** @return the least number of faces that {@link #imageWithFaces()} must yield */
    protected int expectedFaces() {
        return 1;
    }

    @BeforeEach
    void open() throws Exception {
        detector = createDetector();
        assertNotNull(detector, "createDetector() returned null");
    }

    @AfterEach
    void closeDetector() {
        if (detector != null) {
            detector.close();
        }
    }

    @Test
    void everyImageTypeGivesValidFacesAndIsNotModified() {
        for (int type : TestImages.allTypes()) {
            BufferedImage img = TestImages.scene(type, 160, 120);
            int[] before = TestImages.pixels(img);
            List<Face> faces = detector.detect(img);
            assertNotNull(faces, "detect returned null for image type " + type);
            for (Face f : faces) {
                assertTrue(f.score() >= 0 && f.score() <= 1, "score " + f.score());
                assertTrue(f.box().clip(img.getWidth(), img.getHeight()).area() > 0,
                        "box " + f.box() + " lies outside the " + img.getWidth() + "x" + img.getHeight() + " image");
            }
            assertArrayEquals(before, TestImages.pixels(img), "detect modified an image of type " + type);
        }
    }

    @Test
    void tinyImagesGiveAListNotACrash() {
        for (int side : new int[] {1, 2, 7}) {
            assertNotNull(detector.detect(new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB)));
        }
        assertNotNull(detector.detect(new BufferedImage(1, 300, BufferedImage.TYPE_INT_RGB)));
    }

    @Test
    void nullImageIsTheLibrarysError() {
        assertThrows(EmojifyException.class, () -> detector.detect(null));
    }

    @Test
    void findsTheFacesOfTheSampleImage() throws Exception {
        BufferedImage img = imageWithFaces();
        assumeTrue(img != null, "no image with faces: imageWithFaces() gave none, so detection itself is not checked");
        List<Face> faces = detector.detect(img);
        assertTrue(faces.size() >= expectedFaces(), "found " + faces.size() + " faces, expected at least "
                + expectedFaces());
        for (int i = 1; i < faces.size(); i++) {
            assertTrue(faces.get(i - 1).score() >= faces.get(i).score(), "faces are not most confident first");
        }
    }

    @Test
    void concurrentCallsGiveTheSameResult() throws Exception {
        BufferedImage img = imageWithFaces();
        BufferedImage image = img != null ? img : TestImages.scene(BufferedImage.TYPE_INT_RGB, 200, 150);
        List<Face> expected = detector.detect(image);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Face>>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> detector.detect(image)));
            }
            for (Future<List<Face>> r : results) {
                assertEquals(expected, r.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertFalse(expected == null);
    }
}
