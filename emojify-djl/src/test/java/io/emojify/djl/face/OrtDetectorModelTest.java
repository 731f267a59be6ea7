package io.emojify.djl.face;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import io.emojify.face.FaceDetectionException;
import io.emojify.model.ModelResolver;
import io.emojify.testing.SharedData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared detector network wrapper, on YuNet from the shared models folder. */
class OrtDetectorModelTest {

    @Test
    void theOutputsAreClosedWhenConvertingOneThrows() {
        SharedData.require();
        try (OrtDetectorModel model = new OrtDetectorModel(ModelResolver.fromSettings().resolve(YuNetFaceDetector.MODEL),
                "YuNet")) {
            float[] input = new float[3 * 160 * 160];
            List<NDArray> seen = new ArrayList<>();
            FaceDetectionException e = assertThrows(FaceDetectionException.class, () -> model.run(input, 160, 160, a -> {
                seen.add(a);
                throw new IllegalStateException("conversion failed");
            }));
            assertTrue(e.getMessage().contains("conversion failed"), e.getMessage());
            assertFalse(seen.isEmpty());
            for (NDArray a : seen) {
                assertTrue(a.isReleased(), "output " + a.getName() + " was left open");
            }
            assertFalse(model.run(input, 160, 160).isEmpty(), "the network still runs after the failure");
        }
    }
}
