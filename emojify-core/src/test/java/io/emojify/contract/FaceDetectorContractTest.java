package io.emojify.contract;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emojify.testing.FixedFaceDetector;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** The contract itself: a check it cannot make is reported as skipped, not passed. */
class FaceDetectorContractTest {

    @Test
    void theDetectionCheckWithoutAnImageIsSkippedNotPassed() throws Exception {
        FaceDetectorContract contract = new FaceDetectorContract() {
            @Override
            protected io.emojify.face.FaceDetector createDetector() {
                return new FixedFaceDetector();
            }
        };
        contract.open();
        try {
            TestAbortedException skipped = assertThrows(TestAbortedException.class,
                    contract::findsTheFacesOfTheSampleImage);
            assertTrue(skipped.getMessage().contains("no image with faces"), skipped.getMessage());
        } finally {
            contract.closeDetector();
        }
    }
}
