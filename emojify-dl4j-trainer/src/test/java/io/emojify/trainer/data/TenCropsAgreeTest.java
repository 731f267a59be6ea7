package io.emojify.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.emojify.emotion.FaceViews;
import org.junit.jupiter.api.Test;

/** The ten crops the trainer measures a 40-pixel model with are the ten crops the library shows it. */
class TenCropsAgreeTest {

    @Test
    void theTrainersTenCropsAreTheLibrarys() {
        byte[] face = new byte[48 * 48];
        float[] asFloat = new float[face.length];
        for (int i = 0; i < face.length; i++) {
            face[i] = (byte) ((i * 37 + (i / 48) * 11) & 0xff);
            asFloat[i] = (face[i] & 0xff) / 255f;
        }
        float[][] trainer = Augmentation.tenCrops(face, Augmentation.CROP);
        float[][] library = FaceViews.tenCrops(asFloat, FaceViews.FACE_SIDE, Augmentation.CROP);
        for (int k = 0; k < 10; k++) {
            assertArrayEquals(library[k], trainer[k], 1e-6f, "crop " + k);
        }
    }
}
