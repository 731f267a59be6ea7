package io.emojify.opencv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.emojify.contract.FourPeopleDetectorContract;
import io.emojify.face.FaceDetectionException;
import io.emojify.face.FaceDetector;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** The download-free fallback detector meets the contract and finds the four people of the sample photo. */
class HaarCascadeFaceDetectorTest extends FourPeopleDetectorContract {

    @Override
    protected FaceDetector createDetector() {
        return new HaarCascadeFaceDetector();
    }

    @Test
    void useAfterCloseIsTheLibrarysError() {
        FaceDetector d = new HaarCascadeFaceDetector();
        d.close();
        d.close();
        assertThrows(FaceDetectionException.class, () -> d.detect(new BufferedImage(100, 100, 1)));
    }

    @Test
    void theProviderOffersTheDetectorAtLowPriority() {
        OpenCvEmojifyProvider p = new OpenCvEmojifyProvider();
        assertEquals(1, p.priority());
        try (FaceDetector d = p.newFaceDetector()) {
            assertEquals(HaarCascadeFaceDetector.class, d.getClass());
        }
    }
}
