package io.emojify.trainer.train;

/**
 * Cosine annealing of the learning rate to zero at the last epoch, as PyTorch's {@code CosineAnnealingLR(T_max, eta_min=0)}
 * (one of the schedules the paper compared with ReduceLROnPlateau). It can start at any epoch, from the rate in force then,
 * so that a plateau run can be finished with an annealing phase.
 */
public final class CosineAnnealing {

    private CosineAnnealing() {}

    /**
     * Returns the learning rate for one epoch.
     *
     * @param startRate the rate of the first annealed epoch
     * @param startAfterEpoch the last epoch before annealing began (0 when it runs from the start)
     * @param lastEpoch the epoch at which the rate reaches zero (the run's last epoch)
     * @param epoch the 1-based epoch about to run
     * @return the rate, {@code startRate} for epoch {@code startAfterEpoch + 1}, falling to near zero for {@code lastEpoch}
     * @throws IllegalArgumentException if the epochs are not in order
     */
    public static double rate(double startRate, int startAfterEpoch, int lastEpoch, int epoch) {
        if (epoch <= startAfterEpoch || epoch > lastEpoch) {
            throw new IllegalArgumentException("Epoch " + epoch + " is outside the annealing span (" + startAfterEpoch
                    + ", " + lastEpoch + "]");
        }
        double t = epoch - 1 - startAfterEpoch;
        double span = lastEpoch - startAfterEpoch;
        return startRate * 0.5 * (1 + Math.cos(Math.PI * t / span));
    }
}
