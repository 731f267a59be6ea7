package io.emojify.trainer.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.emojify.emotion.EmotionScores;
import org.junit.jupiter.api.Test;

/** How the ten crops' outputs are combined: the paper's mean of logits, and the mean of probabilities. */
class BlockEvaluatorTest {

    @Test
    void tenCropLogitsAreAveragedBeforeTheSoftmaxAsThePaperDoes() {
        int views = 10;
        int classes = 7;
        float[] logits = new float[2 * views * classes]; // two faces; the second is the one checked
        float[] mean = new float[classes];
        for (int v = 0; v < views; v++) {
            for (int c = 0; c < classes; c++) {
                float value = (float) Math.sin(1.3 * v + 0.7 * c) * (v == 3 ? 9 : 2); // one crop very confident
                logits[(views + v) * classes + c] = value;
                mean[c] += value / views;
            }
        }
        float[] expected = EmotionScores.fromLogits(mean).toArray();
        float[] got = BlockEvaluator.combine(logits, 1, views, classes, BlockEvaluator.View.TEN_CROP_LOGITS);
        assertArrayEquals(expected, got, 1e-6f);

        float[] probabilityMean = new float[classes];
        for (int v = 0; v < views; v++) {
            float[] one = new float[classes];
            System.arraycopy(logits, (views + v) * classes, one, 0, classes);
            float[] p = EmotionScores.fromLogits(one).toArray();
            for (int c = 0; c < classes; c++) {
                probabilityMean[c] += p[c] / views;
            }
        }
        float[] tta = BlockEvaluator.combine(logits, 1, views, classes, BlockEvaluator.View.TEN_CROP_PROBABILITIES);
        assertArrayEquals(probabilityMean, tta, 1e-6f);
        float gap = 0;
        for (int c = 0; c < classes; c++) {
            gap = Math.max(gap, Math.abs(expected[c] - probabilityMean[c]));
        }
        org.junit.jupiter.api.Assertions.assertTrue(gap > 1e-3, "the two means should differ on these logits: " + gap);
    }

    @Test
    void networksTrainedOnCropsAreValidatedOnTenCrops() {
        assertEquals(BlockEvaluator.View.WHOLE, BlockEvaluator.View.validating(0));
        assertEquals(BlockEvaluator.View.TEN_CROP_LOGITS, BlockEvaluator.View.validating(1));
        assertEquals(BlockEvaluator.View.TEN_CROP_LOGITS, BlockEvaluator.View.validating(10));
    }
}
