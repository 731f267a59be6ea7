package io.emojify.trainer.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a training session starts: the run folder's newest checkpoint (its settings stand, but for the epochs, the time
 * budget and a newly named schedule), a run that {@code keep-half} kept ({@code --continue}), or a new run.
 */
final class RunStart {

    private static final Logger LOG = LoggerFactory.getLogger(RunStart.class);

    private RunStart() {}

    /**
     * Reads the newest checkpoint's state and checks that it can continue under the requested settings (the epochs, the
     * time budget, a batch limit and a schedule named now replace the checkpoint's), or goes on from a kept run, or starts
     * anew.
     *
     * @param config the requested settings (a new run's state shares this object)
     * @param runDir the run folder
     * @param resumeFrom the newest valid checkpoint, if any
     * @return the state to train from
     * @throws IOException if a state cannot be read
     */
    static TrainingState resumeOrStart(TrainingConfig config, Path runDir, Optional<Path> resumeFrom)
            throws IOException {
        String requestedSchedule = config.schedule; // read first: a new run's state shares this config object
        int requestedAnnealAfter = config.annealAfter;
        TrainingState state;
        if (resumeFrom.isPresent()) {
            state = Checkpoints.readState(resumeFrom.get());
            LOG.info("Resuming from {} (epoch {} done, best validation accuracy {} at epoch {})", resumeFrom.get(),
                    state.epochsDone, state.bestAccuracy, state.bestEpoch);
            if (state.config.averagedRun != null) {
                throw new IllegalArgumentException("The run folder " + runDir + " holds weights averaged from "
                        + state.config.averagedRun + ", not a run that can continue; start a new --run with --init "
                        + runDir);
            }
            if (config.architecture != null && !state.config.architecture.equals(config.architecture)) {
                throw new IllegalArgumentException("The run folder " + runDir + " holds a '" + state.config.architecture
                        + "' run; asked to train '" + config.architecture + "'. Use another --run folder.");
            }
            state.config.timeBudgetMinutes = config.timeBudgetMinutes;
            state.config.epochs = config.epochs;
            limitBatches(state, config);
            if (state.config.schedule == null) {
                state.config.schedule = TrainingConfig.PLATEAU; // checkpoints written before schedules were settable
            }
        } else if (config.continuedFrom != null) {
            state = continueKept(config);
        } else {
            state = new TrainingState();
            state.config = config;
            state.learningRate = config.learningRate;
            state.plateau = new ReduceLrOnPlateau(config.plateauFactor, config.plateauPatience);
            state.config.schedule = TrainingConfig.PLATEAU;
        }
        LearningRateSchedule.switchTo(state, requestedSchedule, requestedAnnealAfter);
        return state;
    }

    /** A batch limit given on the command line (above 0) replaces the run's; without one, the run's stands. */
    private static void limitBatches(TrainingState state, TrainingConfig requested) {
        if (requested.maxBatchesPerEpoch > 0) {
            state.config.maxBatchesPerEpoch = requested.maxBatchesPerEpoch;
        }
    }

    /**
     * Starts a run folder from what {@code keep-half} kept: the kept state (settings, epochs done, history, rate, plateau)
     * with the kept half-precision weights as the starting weights; the command line's data, face limit, epochs, time
     * budget and teacher, and its batch limit when it names one. The kept weights are the newest epoch's, so the run's
     * best becomes that epoch (an earlier best stays in the history and in the plateau rule).
     */
    private static TrainingState continueKept(TrainingConfig requested) throws IOException {
        Path prefix = Path.of(requested.continuedFrom);
        KeptRun kept;
        try {
            kept = KeptRun.read(prefix);
        } catch (IOException e) {
            throw new IOException("--continue " + prefix + ": " + e.getMessage(), e);
        }
        TrainingState state = kept.state();
        if (requested.architecture != null && !state.config.architecture.equals(requested.architecture)) {
            throw new IllegalArgumentException("--continue " + prefix + " holds a '" + state.config.architecture
                    + "' run; asked to train '" + requested.architecture + "'");
        }
        state.config.trainData = requested.trainData;
        state.config.validationData = requested.validationData;
        state.config.limitPerClass = requested.limitPerClass;
        limitBatches(state, requested);
        state.config.epochs = requested.epochs;
        state.config.timeBudgetMinutes = requested.timeBudgetMinutes;
        state.config.keepWeights = requested.keepWeights;
        if (requested.teacher != null) {
            state.config.teacher = requested.teacher;
        }
        state.config.initialWeights = kept.weights().toString();
        state.config.continuedFrom = prefix.toString();
        if (state.config.schedule == null) {
            state.config.schedule = TrainingConfig.PLATEAU;
        }
        LOG.info("Going on from {} (epoch {} done, best validation accuracy {} at epoch {}); momentum starts from zero",
                prefix, state.epochsDone, state.bestAccuracy, state.bestEpoch);
        return state;
    }
}
