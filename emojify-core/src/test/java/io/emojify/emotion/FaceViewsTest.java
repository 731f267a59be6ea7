package io.emojify.emotion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class FaceViewsTest {

    /** A 6x6 face whose value is 10*y + x, so each crop's origin shows in its first value. */
    private static float[] face() {
        float[] f = new float[36];
        for (int y = 0; y < 6; y++) {
            for (int x = 0; x < 6; x++) {
                f[y * 6 + x] = 10 * y + x;
            }
        }
        return f;
    }

    @Test
    void tenCropsAreTheCornersTheCentreAndTheirMirrors() {
        float[][] crops = FaceViews.tenCrops(face(), 6, 4);
        assertEquals(10, crops.length);
        assertEquals(0f, crops[0][0]);
        assertEquals(2f, crops[1][0]);
        assertEquals(20f, crops[2][0]);
        assertEquals(22f, crops[3][0]);
        assertEquals(11f, crops[4][0]);
        assertArrayEquals(new float[] {11, 12, 13, 14}, java.util.Arrays.copyOfRange(crops[4], 0, 4));
        for (int k = 0; k < 5; k++) {
            assertArrayEquals(FaceViews.mirror(crops[k], 4), crops[k + 5]);
        }
        assertArrayEquals(new float[] {14, 13, 12, 11}, java.util.Arrays.copyOfRange(crops[9], 0, 4));
    }

    @Test
    void namesParseAndOtherNamesAreRefused() {
        assertEquals(FaceViews.TEN_CROP, FaceViews.parse("ten-crop"));
        assertEquals(FaceViews.MIRROR, FaceViews.parse("MIRROR"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FaceViews.parse("five"));
        assertEquals("Unknown face views 'five'; use single, mirror or ten-crop", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FaceViews.tenCrops(face(), 6, 7));
    }

    @Test
    void averageIsTheMeanOfEachFacesViews() {
        List<EmotionScores> s = List.of(EmotionScores.of(1, 0, 0, 0, 0, 0, 0), EmotionScores.of(0, 1, 0, 0, 0, 0, 0),
                EmotionScores.of(0, 0, 1, 0, 0, 0, 0), EmotionScores.of(0, 0, 1, 0, 0, 0, 0));
        List<EmotionScores> mean = FaceViews.average(s, 2);
        assertEquals(2, mean.size());
        assertArrayEquals(new float[] {0.5f, 0.5f, 0, 0, 0, 0, 0}, mean.get(0).toArray(), 1e-6f);
        assertArrayEquals(new float[] {0, 0, 1, 0, 0, 0, 0}, mean.get(1).toArray(), 1e-6f);
    }
}
