package io.emojify.djl.face;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emojify.contract.FourPeopleDetectorContract;
import io.emojify.face.FaceDetector;
import io.emojify.testing.DlibBoxes;
import io.emojify.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** UltraFace RFB-320 meets the contract and finds the dlib faces. */
class UltraFaceFaceDetectorTest extends FourPeopleDetectorContract {

    private static final Logger LOG = LoggerFactory.getLogger(UltraFaceFaceDetectorTest.class);

    @Override
    protected FaceDetector createDetector() {
        SharedData.require();
        return UltraFaceFaceDetector.create();
    }

    @Test
    void recallOnTheDlibTestingBoxes() throws Exception {
        double recall = DlibBoxes.read(SharedData.require("data/faces/dlib/testing.xml")).score(detector, 0.5).recall();
        LOG.info("UltraFace recall at IoU 0.5 on dlib testing.xml: {}", recall);
        assertTrue(recall >= 0.5, "recall " + recall);
    }
}
