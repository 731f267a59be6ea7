package io.emojify.trainer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class ReduceLrOnPlateauTest {

    @Test
    void followsPyTorchsReduceLrOnPlateauInMaxMode() {
        // torch.optim.lr_scheduler.ReduceLROnPlateau(opt, mode="max", factor=0.5, patience=2) from lr 1, worked by hand
        // from its rules: better means above best*(1+1e-4); the rate falls when the bad epochs exceed the patience, and
        // the count restarts. 0.60005 is within the threshold of 0.6, so it is not an improvement.
        double[] accuracy = {0.5, 0.6, 0.6, 0.60005, 0.59, 0.58, 0.61, 0.61, 0.61, 0.61};
        double[] expectedNextRate = {1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.5, 0.25};
        ReduceLrOnPlateau plateau = new ReduceLrOnPlateau(0.5, 2);
        double lr = 1;
        double[] rates = new double[accuracy.length];
        for (int i = 0; i < accuracy.length; i++) {
            lr = plateau.step(accuracy[i], lr);
            rates[i] = lr;
        }
        assertArrayEquals(expectedNextRate, rates, 1e-12);
    }
}
