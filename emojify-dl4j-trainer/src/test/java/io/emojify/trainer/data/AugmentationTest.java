package io.emojify.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** What the augmentation does to a face, checked against values worked out from the pixels' positions. */
class AugmentationTest {

    private static final int S = FaceSet.SIDE;

    @Test
    void tenCropsAreTheFourCornersTheCentreAndTheirMirrorsInTorchvisionsOrder() {
        byte[] src = new byte[S * S];
        for (int i = 0; i < src.length; i++) {
            src[i] = (byte) ((i * 7) % 256); // every pixel tells where it came from
        }
        float[][] crops = Augmentation.tenCrops(src, 40);
        // torchvision's TenCrop: top left, top right, bottom left, bottom right, centre, then the same mirrored
        int[][] origins = {{0, 0}, {8, 0}, {0, 8}, {8, 8}, {4, 4}};
        for (int k = 0; k < 5; k++) {
            for (int y = 0; y < 40; y++) {
                for (int x = 0; x < 40; x++) {
                    float expected = (src[(origins[k][1] + y) * S + origins[k][0] + x] & 0xff) / 255f;
                    assertEquals(expected, crops[k][y * 40 + x], 1e-6, "crop " + k + " at " + x + "," + y);
                    assertEquals(expected, crops[k + 5][y * 40 + 39 - x], 1e-6, "mirror " + (k + 5) + " at " + x);
                }
            }
        }
    }

    @Test
    void aboutHalfTheFacesAreMirroredAndHalfAreErased() {
        // the left half bright, the right half dim, no black pixel: a mirrored sample is brighter on the right; an
        // erased one has a black rectangle in its middle, where translation and rotation never reach
        byte[] src = new byte[S * S];
        for (int y = 0; y < S; y++) {
            for (int x = 0; x < S; x++) {
                src[y * S + x] = (byte) (x < S / 2 ? 250 : 60);
            }
        }
        Augmentation whole = new Augmentation(0, S);
        float[] out = new float[S * S];
        int n = 2000;
        int mirrored = 0;
        int blackInTheMiddle = 0;
        SplittableRandom rnd = new SplittableRandom(11);
        for (int i = 0; i < n; i++) {
            whole.augment(src, rnd, out, 0);
            double left = 0;
            double right = 0;
            boolean black = false;
            for (int y = 0; y < S; y++) {
                for (int x = 0; x < S; x++) {
                    float v = out[y * S + x];
                    if (x < S / 2) {
                        left += v;
                    } else {
                        right += v;
                    }
                    black |= v == 0f && x >= 14 && x < 34 && y >= 14 && y < 34;
                }
            }
            mirrored += right > left ? 1 : 0;
            blackInTheMiddle += black ? 1 : 0;
        }
        double flipRate = mirrored / (double) n;
        assertTrue(flipRate > 0.44 && flipRate < 0.56, "mirrored " + flipRate + " of the time, not about half");
        // random erasing runs with p 0.5 and an area of 2-33%: most erased rectangles reach the middle, none else does
        double eraseRate = blackInTheMiddle / (double) n;
        assertTrue(eraseRate > 0.2 && eraseRate <= 0.5, "a black patch in the middle " + eraseRate + " of the time");
    }
}
