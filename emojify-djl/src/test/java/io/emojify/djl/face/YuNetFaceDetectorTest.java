package io.emojify.djl.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emojify.contract.FourPeopleDetectorContract;
import io.emojify.face.Face;
import io.emojify.face.FaceDetector;
import io.emojify.face.Landmarks;
import io.emojify.testing.SharedData;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
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
    void recallOnTheDlibTestingBoxes() throws Exception {
        double recall = DlibBoxes.recall(detector, SharedData.require("data/faces/dlib/testing.xml"), 0.5);
        LOG.info("YuNet recall at IoU 0.5 on dlib testing.xml: {}", recall);
        assertTrue(recall >= 0.8, "recall " + recall);
    }
}
