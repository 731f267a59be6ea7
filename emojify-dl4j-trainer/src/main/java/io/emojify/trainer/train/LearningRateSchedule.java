package io.emojify.trainer.train;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The learning rate of each epoch: ReduceLROnPlateau on the validation accuracy (the paper's), or cosine annealing to zero
 * at the last epoch, possibly after some plateau epochs, from the rate in force when it begins.
 */
final class LearningRateSchedule {

    private static final Logger LOG = LoggerFactory.getLogger(LearningRateSchedule.class);

    private LearningRateSchedule() {}

    /**
     * Puts a run on the named schedule: a new run, or a resumed one whose schedule changes here. Cosine annealing begins
     * in the loop once {@code annealAfter} epochs are done (at once for a resumed plateau run when it is 0), from the rate
     * in force then.
     *
     * @param state the run's state
     * @param requested the schedule asked for, or {@code null} to keep the state's
     * @param annealAfter with cosine: the plateau epochs before annealing
     */
    static void switchTo(TrainingState state, String requested, int annealAfter) {
        if (requested == null) {
            return;
        }
        if (!TrainingConfig.PLATEAU.equals(requested) && !TrainingConfig.COSINE.equals(requested)) {
            throw new IllegalArgumentException("Unknown learning-rate schedule '" + requested + "'; known: "
                    + TrainingConfig.PLATEAU + ", " + TrainingConfig.COSINE);
        }
        if (annealAfter < 0) {
            throw new IllegalArgumentException("annealAfter must be 0 or more epochs, was " + annealAfter);
        }
        if (state.epochsDone > 0 && requested.equals(state.config.schedule)) {
            return; // resuming on the same schedule: what the checkpoint recorded stands
        }
        if (state.epochsDone > 0) {
            LOG.info("Learning-rate schedule changed from {} to {} after epoch {} (rate {})", state.config.schedule,
                    requested, state.epochsDone, state.learningRate);
        }
        if (TrainingConfig.PLATEAU.equals(requested)) {
            state.cosineAfterEpoch = -1;
        }
        state.config.schedule = requested;
        state.config.annealAfter = annealAfter;
    }

    /**
     * Sets the learning rate for the epoch about to start when the cosine schedule is (or becomes) in force.
     *
     * @param state the run's state
     * @param epoch the epoch about to start
     */
    static void startEpoch(TrainingState state, int epoch) {
        TrainingConfig cfg = state.config;
        if (TrainingConfig.COSINE.equals(cfg.schedule) && state.cosineAfterEpoch < 0
                && state.epochsDone >= cfg.annealAfter) {
            state.cosineAfterEpoch = state.epochsDone;
            state.cosineStartRate = state.learningRate;
            cfg.annealAfter = state.epochsDone; // what ran, also for a plateau run switched on resume
            LOG.info("Cosine annealing from rate {} after epoch {} to 0 at epoch {}", state.learningRate,
                    state.epochsDone, cfg.epochs);
        }
        if (state.cosineAfterEpoch >= 0) {
            state.learningRate = CosineAnnealing.rate(state.cosineStartRate, state.cosineAfterEpoch, cfg.epochs, epoch);
        }
    }

    /**
     * Steps the plateau rule on an epoch's validation accuracy, unless the cosine schedule is in force.
     *
     * @param state the run's state, its epoch recorded
     * @param accuracy the validation accuracy
     */
    static void endEpoch(TrainingState state, double accuracy) {
        if (state.cosineAfterEpoch < 0) {
            state.learningRate = state.plateau.step(accuracy, state.learningRate);
        }
    }
}
