package io.emojify.trainer.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.emojify.djl.nn.BatchConsistency;
import io.emojify.djl.nn.EmotionNetworks;
import io.emojify.trainer.data.Augmentation;
import io.emojify.trainer.data.FaceSet;
import io.emojify.trainer.eval.BlockEvaluator;
import io.emojify.trainer.eval.Metrics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A training session: augmentation on a background thread, forward and backward on DJL's PyTorch engine, Nesterov SGD,
 * ReduceLROnPlateau on the validation accuracy (or cosine annealing), a checkpoint after every epoch and the best weights
 * kept. A run can start from trained weights ({@link TrainingConfig#initialWeights}), go on from a run that
 * {@code keep-half} kept ({@link TrainingConfig#continuedFrom}) and learn from a {@link Teacher}'s outputs as well as from
 * the labels ({@link DistillationLoss}).
 *
 * <p>The parts: {@code RunStart} (resume, continue or start), {@code StartingWeights}, {@code Distillation},
 * {@code EpochLoop} and {@code TrainingStep}, {@code Validation}, {@link RunFolder} (checkpoints and best weights) and
 * {@link RunReport}. Every random choice is derived from the seed and the epoch (and batch) number, so a run resumed from
 * a checkpoint continues exactly as if it had not stopped. A time budget stops the run cleanly between batches; the epoch
 * in progress is then discarded and the last checkpoint stays the resume point.
 */
public final class Trainer {

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    private final TrainingConfig config;
    private final Path runDir;
    private final ProgressReporter progress;

    /**
     * Creates a trainer.
     *
     * @param config the settings (used when the run folder holds no checkpoint; else the checkpoint's are used)
     * @param runDir the run folder: checkpoints, the best weights and the history live here
     * @param progress receives progress lines
     */
    public Trainer(TrainingConfig config, Path runDir, ProgressReporter progress) {
        this.config = config;
        this.runDir = runDir;
        this.progress = progress;
    }

    /**
     * Trains until the epochs are done or the time budget is spent, resuming from the run folder's newest valid checkpoint.
     * A run continued from a kept run writes the kept weights as its best and its first checkpoint before any step, so
     * that {@code export} and a later session read the run folder at once.
     *
     * @param train the training faces
     * @param validation the validation faces
     * @param trainChecksum identifies the training data
     * @param validationChecksum identifies the validation data
     * @return the state after the last completed epoch
     * @throws IOException if a checkpoint cannot be written
     */
    public TrainingState run(FaceSet train, FaceSet validation, String trainChecksum, String validationChecksum)
            throws IOException {
        RunFolder folder = new RunFolder(runDir);
        Optional<Path> resumeFrom = folder.latestCheckpoint();
        TrainingState state = RunStart.resumeOrStart(config, runDir, resumeFrom);
        state.trainDataChecksum = trainChecksum;
        state.validationDataChecksum = validationChecksum;
        TrainingConfig cfg = state.config;
        int side = EmotionNetworks.inputSize(cfg.architecture);
        Augmentation augmentation = new Augmentation(cfg.crops(), side);
        long deadline = cfg.timeBudgetMinutes > 0
                ? System.nanoTime() + (long) (cfg.timeBudgetMinutes * 60e9) : Long.MAX_VALUE;
        DataPathTiming.measure(train, augmentation, state);
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed((int) cfg.seed);
        state.runtime = RuntimeRecord.now();
        LOG.info("Running on {}", state.runtime);
        boolean epochsLeft = state.epochsDone < cfg.epochs;
        ExecutorService prefetch = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "emojify-augment");
            t.setDaemon(true);
            return t;
        });
        try (NDManager manager = engine.newBaseManager()) {
            Block block = EmotionNetworks.build(cfg.architecture);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, side, side));
            try (NesterovSgd optimizer = new NesterovSgd(manager, (float) cfg.momentum, (float) cfg.weightDecay);
                    Teacher teacher = epochsLeft ? Distillation.openTeacher(cfg, manager, side, train) : null) {
                if (resumeFrom.isPresent()) {
                    RunFolder.restore(resumeFrom.get(), block, manager, optimizer);
                } else {
                    StartingWeights.apply(block, manager, cfg);
                }
                StartingWeights.makeTrainable(block);
                if (resumeFrom.isEmpty() && cfg.continuedFrom != null) {
                    folder.saveBest(block, state); // the kept weights: what export reads until an epoch beats them
                    folder.saveCheckpoint(state, block, optimizer); // the kept epoch, momentum zero
                }
                if (epochsLeft) {
                    checkBatches(engine, manager, block, side);
                    TrainingStep step = new TrainingStep(engine, manager, block, optimizer, teacher,
                            Distillation.loss(cfg, teacher), side);
                    train(step, new EpochLoop(step, train, augmentation, prefetch, progress, deadline), validation,
                            folder, state);
                }
            }
        } finally {
            prefetch.shutdownNow();
        }
        return state;
    }

    /** Runs the epochs left: each trained, validated, its best and checkpoint kept, until the end or the time budget. */
    private void train(TrainingStep step, EpochLoop loop, FaceSet validation, RunFolder folder, TrainingState state)
            throws IOException {
        TrainingConfig cfg = state.config;
        while (state.epochsDone < cfg.epochs) {
            int epoch = state.epochsDone + 1;
            LearningRateSchedule.startEpoch(state, epoch);
            step.engine.setRandomSeed((int) (cfg.seed * 31 + epoch));
            TrainingState.Epoch record = loop.run(state, epoch);
            if (record == null) {
                progress.endEpoch(RunReport.budgetSpent(epoch));
                LOG.info("Time budget of {} minutes spent during epoch {}; the run resumes from epoch {}",
                        cfg.timeBudgetMinutes, epoch, state.epochsDone);
                return;
            }
            Metrics val = Validation.endEpoch(step.block, step.manager, step.side, validation, state, record);
            if (state.bestEpoch == record.epoch) {
                folder.saveBest(step.block, state);
            }
            if (cfg.keepWeights) { // before the checkpoint: a checkpoint's epoch always has its weights kept
                folder.keepEpochWeights(step.block, record.epoch);
            }
            folder.saveCheckpoint(state, step.block, step.optimizer);
            progress.endEpoch(RunReport.epoch(record, val, state));
        }
    }

    /**
     * Refuses to train where the engine computes a batch differently from its faces one at a time
     * ({@link BatchConsistency}): every step would learn from wrong outputs.
     */
    private static void checkBatches(Engine engine, NDManager manager, Block block, int side) throws IOException {
        double difference = BatchConsistency.maxDifference(side, new BlockEvaluator(block, manager, side)::logits);
        if (difference > BatchConsistency.TOLERANCE) {
            throw new IOException(BatchConsistency.describe(engine.getEngineName() + " " + engine.getVersion(),
                    difference) + "; training here would learn from wrong outputs");
        }
    }
}
