package io.emojify.trainer.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CalibrationTest {

    @Test
    void theErrorIsTheGapBetweenConfidenceAndAccuracyWorkedByHand() {
        // ten faces, each given 0.9 for class 0 (e^a / (e^a + 6) = 0.9 with a = ln 54), seven of them right:
        // one bin, confidence 0.9, accuracy 0.7, error 0.2
        float a = (float) Math.log(54);
        float[][] logits = new float[10][];
        int[] labels = new int[10];
        for (int i = 0; i < 10; i++) {
            logits[i] = new float[] {a, 0, 0, 0, 0, 0, 0};
            labels[i] = i < 7 ? 0 : 3;
        }
        assertEquals(0.2, Calibration.ece(logits, labels, 1), 1e-6);
        // and the negative log-likelihood: seven faces at -ln 0.9, three at -ln (0.1 / 6)
        assertEquals((7 * -Math.log(0.9) + 3 * -Math.log(0.1 / 6)) / 10, Calibration.nll(logits, labels, 1), 1e-6);
    }

    @Test
    void theLogitsOfProbabilitiesGiveThemBackAtTheirTemperature() {
        float[] z = {2.0f, -1.0f, 0.5f, 0, 0, 3.0f, -2.0f};
        double[] p = Calibration.softmax(z, 2.5);
        float[] row = new float[p.length];
        for (int c = 0; c < p.length; c++) {
            row[c] = (float) p[c];
        }
        float[][] logits = Calibration.logitsOf(new float[][] {row, {0, 1, 0, 0, 0, 0, 0}}, 2.5);
        double[] back = Calibration.softmax(logits[0], 2.5);
        for (int c = 0; c < p.length; c++) {
            assertEquals(p[c], back[c], 1e-6, "class " + c);
        }
        assertEquals((float) (Math.log(1e-30) * 2.5), logits[1][0], "a probability of 0 is taken as 1e-30");
        assertEquals(0, logits[1][1]);
    }

    @Test
    void anOverconfidentModelGetsItsTemperatureBackAndBecomesCalibrated() {
        // faces whose labels are drawn from softmax(z): z is calibrated; a model that outputs 3z is overconfident
        SplittableRandom rnd = new SplittableRandom(3);
        int n = 20_000;
        float[][] logits = new float[n][7];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            float[] z = new float[7];
            for (int c = 0; c < 7; c++) {
                z[c] = (float) (rnd.nextGaussian() * 1.5);
            }
            double[] p = Calibration.softmax(z, 1);
            double u = rnd.nextDouble();
            int label = 6;
            for (int c = 0; c < 7; c++) {
                u -= p[c];
                if (u < 0) {
                    label = c;
                    break;
                }
            }
            labels[i] = label;
            for (int c = 0; c < 7; c++) {
                logits[i][c] = 3 * z[c];
            }
        }
        Calibration.Result r = Calibration.fit(logits, labels);
        assertEquals(3.0, r.temperature(), 0.15, r.toString());
        assertTrue(r.eceBefore() > 0.1, r.toString());
        assertTrue(r.eceAfter() < 0.02 && r.eceHeldOut() < 0.025, r.toString());
        assertTrue(r.nllAfter() < r.nllBefore(), r.toString());
        assertEquals(n, r.n());
    }

    @Test
    void noFacesOrMismatchedLabelsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Calibration.fit(new float[0][], new int[0]));
        assertTrue(e.getMessage().contains("0 rows"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Calibration.fit(new float[2][7], new int[3]));
    }
}
