package io.emojify.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CosineAnnealingTest {

    @Test
    void startsAtTheGivenRateAndFallsSteadilyToNearZero() {
        assertEquals(0.004, CosineAnnealing.rate(0.004, 80, 250, 81), 1e-15);
        assertEquals(0.002, CosineAnnealing.rate(0.004, 80, 250, 166), 1e-15, "half way the rate is halved");
        double previous = Double.MAX_VALUE;
        for (int e = 81; e <= 250; e++) {
            double r = CosineAnnealing.rate(0.004, 80, 250, e);
            assertTrue(r < previous && r > 0, "epoch " + e + ": " + r);
            previous = r;
        }
        assertTrue(previous < 0.004 * 1e-3, "the last epoch runs at " + previous);
    }

    @Test
    void anEpochOutsideTheSpanIsRefusedWithTheSpanNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CosineAnnealing.rate(0.01, 10, 20, 21));
        assertTrue(e.getMessage().contains("21") && e.getMessage().contains("(10, 20]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CosineAnnealing.rate(0.01, 10, 20, 10));
    }
}
