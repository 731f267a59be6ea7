package io.emojify.trainer.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.emojify.trainer.data.FaceSet;
import io.emojify.trainer.eval.BlockEvaluator;
import io.emojify.trainer.eval.Metrics;

/**
 * The validation that ends an epoch and drives the run: a single pass on the whole face for networks trained on whole
 * faces, the ten crops with their logits averaged for networks trained on crops; its accuracy steps the plateau rule and
 * picks the best epoch.
 */
final class Validation {

    private Validation() {}

    /**
     * Validates the epoch's weights and records the epoch in the state: its validation numbers and time, the epochs
     * done, the learning rate for the next epoch and the best epoch.
     *
     * @param block the network
     * @param manager its manager
     * @param side its input side
     * @param validation the validation faces
     * @param state the run's state
     * @param record the epoch's record from {@link EpochLoop}
     * @return the validation metrics
     */
    static Metrics endEpoch(Block block, NDManager manager, int side, FaceSet validation, TrainingState state,
            TrainingState.Epoch record) {
        long t0 = System.nanoTime();
        Metrics val = new BlockEvaluator(block, manager, side)
                .evaluate(validation, BlockEvaluator.View.validating(state.config.crops()), 256);
        record.validationLoss = val.loss;
        record.validationAccuracy = val.accuracy;
        record.seconds += (System.nanoTime() - t0) / 1e9;
        state.history.add(record);
        state.trainingSeconds += record.seconds;
        state.epochsDone = record.epoch;
        LearningRateSchedule.endEpoch(state, val.accuracy);
        if (val.accuracy > state.bestAccuracy) {
            state.bestAccuracy = val.accuracy;
            state.bestEpoch = record.epoch;
        }
        return val;
    }
}
