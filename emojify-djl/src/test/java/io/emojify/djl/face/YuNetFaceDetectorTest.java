package io.emojify.djl.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emojify.contract.FourPeopleDetectorContract;
import io.emojify.face.Face;
import io.emojify.face.FaceDetector;
import io.emojify.face.Landmarks;
import io.emojify.face.Point;
import io.emojify.image.ImageDecoder;
import io.emojify.image.Images;
import io.emojify.testing.DlibBoxes;
import io.emojify.testing.SharedData;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** YuNet on the shared photos: the contract, the four smiling people, the dog photo and the dlib boxes. */
class YuNetFaceDetectorTest extends FourPeopleDetectorContract {

    private static final Logger LOG = LoggerFactory.getLogger(YuNetFaceDetectorTest.class);

    @Override
    protected FaceDetector createDetector() {
        SharedData.require();
        return YuNetFaceDetector.create();
    }

    @Test
    void findsExactlyTheFourPeopleWithLandmarksInsideTheirBoxes() throws Exception {
        List<Face> faces = detector.detect(imageWithFaces());
        assertEquals(4, faces.size(), "faces: " + faces);
        for (Face f : faces) {
            Landmarks l = f.landmarks();
            assertTrue(l.leftEye().x() < l.rightEye().x(), "left eye is on the image's left: " + l);
            assertTrue(l.nose().y() > l.leftEye().y() && l.mouthLeft().y() > l.nose().y(), "eyes, nose, mouth: " + l);
            assertTrue(f.box().x() <= l.nose().x() && l.nose().x() <= f.box().right(), "nose inside the box");
        }
    }

    @Test
    void findsNoHumanFaceOnTheDogs() throws Exception {
        assertEquals(List.of(), detector.detect(ImageIO.read(SharedData.require("data/faces/dlib/dogs.jpg").toFile())));
    }

    @Test
    void recallAndPrecisionOnTheDlibBoxesWithThePhotoAndTheVideoSettings() throws Exception {
        for (DetectorSettings settings : List.of(DetectorSettings.PHOTO, DetectorSettings.VIDEO)) {
            try (YuNetFaceDetector d = YuNetFaceDetector.create(settings)) {
                for (String file : List.of("testing.xml", "training.xml")) {
                    DlibBoxes.Score score = DlibBoxes.read(SharedData.require("data/faces/dlib/" + file)).score(d, 0.4);
                    LOG.info("YuNet {} on dlib {} at IoU 0.4: {}", settings, file, score);
                    assertTrue(score.recall() >= 0.9 && score.precision() >= 0.9, settings + " on " + file + ": " + score);
                }
                assertEquals(List.of(), d.detect(new ImageDecoder().read(SharedData.require("data/faces/dlib/dogs.jpg"))),
                        "a dog taken for a face with " + settings);
            }
        }
    }

    /**
     * The crowds: with the default settings at least 80% of the faces that YuNet finds in the full-resolution photo with
     * score 0.8 (67, 151, 77, 101 and 287 faces, counted once with those settings).
     */
    @ParameterizedTest
    @CsvSource({"8.jpg, 67", "25.jpg, 151", "26.jpg, 77", "27.jpg, 101", "17.jpg, 287"})
    void findsTheCrowdsInGroupPhotos(String photo, int reference) throws Exception {
        BufferedImage image = new ImageDecoder().read(SharedData.require("data/faces/photos/" + photo));
        int found = detector.detect(image).size();
        LOG.info("{}: {} faces (reference {})", photo, found, reference);
        assertTrue(found >= 0.8 * reference, photo + ": " + found + " faces, reference " + reference);
    }

    /** Faces that fill the frame, as FER-2013 crops them, small and large: the padded second pass finds them. */
    @Test
    void findsFacesThatFillTheFrame() throws Exception {
        Path test = SharedData.require("data/fer2013/test");
        ImageDecoder decoder = new ImageDecoder();
        List<Path> files = new ArrayList<>();
        for (String emotion : List.of("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral")) {
            try (Stream<Path> s = Files.list(test.resolve(emotion))) {
                s.sorted().limit(10).forEach(files::add);
            }
        }
        for (int side : new int[] {48, 200, 600}) {
            int found = 0;
            int withoutRetry = 0;
            try (YuNetFaceDetector once = YuNetFaceDetector.create(DetectorSettings.PHOTO.withRetrySide(0))) {
                for (Path f : files) {
                    BufferedImage face = Images.scaled(decoder.read(f), side, side, BufferedImage.TYPE_3BYTE_BGR);
                    List<Face> faces = detector.detect(face);
                    if (!faces.isEmpty()) {
                        found++;
                        Point c = faces.get(0).box().center();
                        assertTrue(Math.abs(c.x() - side / 2.0) < side / 4.0 && Math.abs(c.y() - side / 2.0) < side / 4.0,
                                f + " at " + side + " px: the face box is not near the centre: " + faces.get(0));
                    }
                    withoutRetry += once.detect(face).isEmpty() ? 0 : 1;
                }
            }
            LOG.info("Face crops at {} px: {} of {} found ({} without the second pass)", side, found, files.size(),
                    withoutRetry);
            assertTrue(found >= 0.85 * files.size(), side + " px: " + found + " of " + files.size());
            assertTrue(found >= withoutRetry, "the second pass lost faces");
        }
    }

    @Test
    void recallOnTheDlibTestingBoxes() throws Exception {
        double recall = DlibBoxes.read(SharedData.require("data/faces/dlib/testing.xml")).score(detector, 0.5).recall();
        LOG.info("YuNet recall at IoU 0.5 on dlib testing.xml: {}", recall);
        assertTrue(recall >= 0.8, "recall " + recall);
    }

    @Test
    void closeWhileEightThreadsDetectNeverReachesAFreedModel() throws Exception {
        BufferedImage image = imageWithFaces();
        YuNetFaceDetector d = YuNetFaceDetector.create();
        int threads = 8;
        java.util.concurrent.CountDownLatch running = new java.util.concurrent.CountDownLatch(threads);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    int done = 0;
                    while (true) {
                        try {
                            assertEquals(4, d.detect(image).size());
                        } catch (io.emojify.face.FaceDetectionException e) {
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
            assertTrue(running.await(120, java.util.concurrent.TimeUnit.SECONDS), "the threads did not start");
            Thread.sleep(100);
            Thread closer = new Thread(d::close);
            closer.start();
            closer.join(120_000);
            assertTrue(!closer.isAlive(), "close did not finish");
            for (java.util.concurrent.Future<Integer> r : results) {
                assertTrue(r.get(120, java.util.concurrent.TimeUnit.SECONDS) > 0);
            }
        } finally {
            pool.shutdownNow();
            d.close();
        }
    }
}
