package io.emojify.trainer.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.emojify.djl.nn.EmotionNetworks;
import io.emojify.trainer.data.Augmentation;
import io.emojify.trainer.data.FaceSet;
import io.emojify.trainer.eval.BlockEvaluator;
import io.emojify.trainer.eval.Metrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a run folder whose best weights are the mean of another run's weights over a range of epochs (stochastic weight
 * averaging, see {@link WeightAveraging}), with batch-norm statistics measured again over one augmented pass of the
 * training set, and its PublicTest accuracy. The source run must have kept its weights ({@link TrainingConfig#keepWeights}).
 * The new folder is what {@code export} reads: its state copies the source run's settings and history up to the last
 * averaged epoch, and records the averaging in {@link TrainingConfig#averagedRun} and the epoch range, so that the model
 * card says how the weights were made.
 */
public final class AveragedRun {

    private static final Logger LOG = LoggerFactory.getLogger(AveragedRun.class);

    private AveragedRun() {}

    /**
     * Averages a run's kept weights over epochs {@code from} to {@code to} into a new run folder.
     *
     * @param source the run folder that kept its weights
     * @param from the first epoch to average (1-based)
     * @param to the last epoch to average; 0 for the run's last
     * @param out the run folder to write (an earlier average there is replaced)
     * @param train the training faces (for the batch-norm statistics)
     * @param validation the validation faces
     * @param trainChecksum identifies the training data: must be the source run's
     * @param validationChecksum identifies the validation data: must be the source run's
     * @return the new run's state; its {@code bestAccuracy} is the averaged network's validation accuracy
     * @throws IOException if the source has no checkpoint, lacks the weights of an epoch in the range, or was trained on
     *     other data
     */
    public static TrainingState create(Path source, int from, int to, Path out, FaceSet train, FaceSet validation,
            String trainChecksum, String validationChecksum) throws IOException {
        if (source.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("The averaged run must go to another folder than its source " + source);
        }
        Optional<Path> checkpoint = new Checkpoints(source).latestValid();
        if (checkpoint.isEmpty()) {
            throw new IOException("No valid checkpoint in " + source + ": train it first");
        }
        TrainingState state = Checkpoints.readState(checkpoint.get());
        if (!trainChecksum.equals(state.trainDataChecksum) || !validationChecksum.equals(state.validationDataChecksum)) {
            throw new IOException("The data given is not the data " + source + " was trained on: SHA-256 "
                    + trainChecksum + "/" + validationChecksum + ", the run recorded " + state.trainDataChecksum + "/"
                    + state.validationDataChecksum);
        }
        if (to == 0) {
            to = state.epochsDone;
        }
        if (from < 1 || to < from || to > state.epochsDone) {
            throw new IllegalArgumentException("Epochs " + from + " to " + to + " cannot be averaged: " + source
                    + " has epochs 1 to " + state.epochsDone);
        }
        List<Path> files = new ArrayList<>();
        for (int e = from; e <= to; e++) {
            Path f = RunFolder.keptWeights(source, e);
            if (!Files.isRegularFile(f)) {
                throw new IOException("No weights of epoch " + e + " at " + f + " (train with --keep-weights to keep "
                        + "every epoch's weights)");
            }
            files.add(f);
        }
        Checkpoints target = new Checkpoints(out);
        Optional<Path> earlier = target.latestValid();
        if (earlier.isPresent() && Checkpoints.readState(earlier.get()).config.averagedRun == null) {
            throw new IOException("The folder " + out + " holds a trained run; the average is not written over it");
        }
        long t0 = System.nanoTime();
        TrainingConfig cfg = state.config;
        String arch = cfg.architecture;
        int side = EmotionNetworks.inputSize(arch);
        Augmentation augmentation = new Augmentation(cfg.crops(), side);
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed((int) cfg.seed);
        Metrics val;
        int batches;
        try (NDManager manager = engine.newBaseManager()) {
            Block block = EmotionNetworks.build(arch);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, side, side));
            WeightAveraging.average(block, manager, files);
            batches = WeightAveraging.recalibrateBatchNorm(block, manager, new Shape(1, side, side),
                    augmentedPass(train, cfg, augmentation));
            val = new BlockEvaluator(block, manager, side)
                    .evaluate(validation, BlockEvaluator.View.validating(cfg.crops()), 256);
            state.history = new ArrayList<>(state.history.subList(0, to));
            state.trainingSeconds = state.history.stream().mapToDouble(h -> h.seconds).sum()
                    + (System.nanoTime() - t0) / 1e9;
            state.epochsDone = to;
            state.bestEpoch = to;
            state.bestAccuracy = val.accuracy;
            cfg.averagedRun = source.toString();
            cfg.averagedFromEpoch = from;
            cfg.averagedToEpoch = to;
            target.clear(); // only now that the average is made: a failure above leaves an earlier one whole
            new RunFolder(out).saveBest(block, state);
            target.save(state, dir -> ParameterFiles.save(block, dir.resolve(RunFolder.PARAMS)));
        }
        LOG.info("Averaged the weights of epochs {}-{} of {} ({} networks), batch-norm statistics from {} batches: "
                + "validation accuracy {} (loss {}), written to {}", from, to, source, files.size(), batches,
                val.accuracy, val.loss, out);
        return state;
    }

    /** One pass over the training set, shuffled and augmented as training epoch 1 would be, in training batches. */
    private static Iterator<float[]> augmentedPass(FaceSet train, TrainingConfig cfg, Augmentation augmentation) {
        int[] order = EpochLoop.permutation(train.size(), new SplittableRandom(cfg.seed));
        int count = (train.size() + cfg.batchSize - 1) / cfg.batchSize;
        return new Iterator<>() {
            private int b;

            @Override
            public boolean hasNext() {
                return b < count;
            }

            @Override
            public float[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return EpochLoop.makeBatch(train, order, b++, cfg, augmentation, 0).pixels();
            }
        };
    }
}
