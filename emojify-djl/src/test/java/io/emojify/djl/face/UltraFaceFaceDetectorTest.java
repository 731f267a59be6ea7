package io.emojify.djl.face;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emojify.contract.FaceDetectorContract;
import io.emojify.face.FaceDetector;
import io.emojify.testing.SharedData;
import java.awt.image.BufferedImage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** UltraFace RFB-320 meets the contract and finds the dlib faces. */
class UltraFaceFaceDetectorTest extends FaceDetectorContract {

    private static final Logger LOG = LoggerFactory.getLogger(UltraFaceFaceDetectorTest.class);

    @Override
    protected FaceDetector createDetector() {
        SharedData.require();
        return UltraFaceFaceDetector.create();
    }

    @Override
    protected BufferedImage imageWithFaces() throws Exception {
        return ImageIO.read(SharedData.require("data/faces/photos/2.jpg").toFile());
    }

    @Override
    protected int expectedFaces() {
        return 4;
    }

    @Test
    void recallOnTheDlibTestingBoxes() throws Exception {
        double recall = DlibBoxes.recall(detector, SharedData.require("data/faces/dlib/testing.xml"), 0.5);
        LOG.info("UltraFace recall at IoU 0.5 on dlib testing.xml: {}", recall);
        assertTrue(recall >= 0.5, "recall " + recall);
    }
}
