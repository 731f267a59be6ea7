package io.emojify.trainer.train;

/**
 * Lowers the learning rate when the validation accuracy stops improving, as PyTorch's
 * {@code ReduceLROnPlateau(mode="max", factor, patience)} does (relative threshold 1e-4, no cooldown).
 *
 * <p>A plain value object so that it can be saved in a checkpoint and restored exactly.
 */
public final class ReduceLrOnPlateau {

    private static final double THRESHOLD = 1e-4;

    /** The factor the rate is multiplied by. */
    public double factor;
    /** Epochs without improvement that are tolerated. */
    public int patience;
    /** The best metric seen so far. */
    public double best = Double.NEGATIVE_INFINITY;
    /** Epochs since the best. */
    public int badEpochs;

    /** For deserialisation. */
    public ReduceLrOnPlateau() {}

    /**
     * Creates the scheduler.
     *
     * @param factor the factor (0.75 in the paper)
     * @param patience the patience in epochs (5 in the paper)
     */
    public ReduceLrOnPlateau(double factor, int patience) {
        this.factor = factor;
        this.patience = patience;
    }

    /**
     * Records one epoch's metric and returns the learning rate to use next.
     *
     * @param metric the validation accuracy
     * @param lr the current learning rate
     * @return the next learning rate
     */
    public double step(double metric, double lr) {
        if (metric > best * (1 + THRESHOLD) || best == Double.NEGATIVE_INFINITY) {
            best = metric;
            badEpochs = 0;
            return lr;
        }
        badEpochs++;
        if (badEpochs > patience) {
            badEpochs = 0;
            return lr * factor;
        }
        return lr;
    }
}
