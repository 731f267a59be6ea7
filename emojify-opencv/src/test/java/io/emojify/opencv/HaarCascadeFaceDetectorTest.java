package io.emojify.opencv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.emojify.contract.FaceDetectorContract;
import io.emojify.face.FaceDetectionException;
import io.emojify.face.FaceDetector;
import io.emojify.testing.SharedData;
import java.awt.image.BufferedImage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The download-free fallback detector meets the contract and finds the four people of the sample photo. */
class HaarCascadeFaceDetectorTest extends FaceDetectorContract {

    @Override
    protected FaceDetector createDetector() {
        return new HaarCascadeFaceDetector();
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
