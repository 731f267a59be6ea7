package io.emojify.trainer.train;

import io.emojify.trainer.eval.Metrics;
import java.util.Locale;

/** What a run says of itself: one line per epoch, and one when it stops. */
public final class RunReport {

    private RunReport() {}

    /**
     * The line that ends an epoch.
     *
     * @param record the epoch
     * @param val its validation
     * @param state the run's state after it
     * @return the line
     */
    static String epoch(TrainingState.Epoch record, Metrics val, TrainingState state) {
        return String.format(Locale.ROOT,
                "epoch %d: train loss %.4f acc %.4f | val loss %.4f acc %.4f (best %.4f @%d) | lr %.5f | %.0f s",
                record.epoch, record.trainLoss, record.trainAccuracy, val.loss, val.accuracy, state.bestAccuracy,
                state.bestEpoch, record.learningRate, record.seconds);
    }

    /**
     * The line that says the time budget stopped an epoch.
     *
     * @param epoch the epoch discarded
     * @return the line
     */
    static String budgetSpent(int epoch) {
        return "time budget spent: epoch " + epoch + " discarded";
    }

    /**
     * The line that ends a session.
     *
     * @param state the run's state
     * @return the line
     */
    public static String done(TrainingState state) {
        return String.format("Done: %d epochs, best validation accuracy %.4f at epoch %d, %.0f s of training",
                state.epochsDone, state.bestAccuracy, state.bestEpoch, state.trainingSeconds);
    }
}
