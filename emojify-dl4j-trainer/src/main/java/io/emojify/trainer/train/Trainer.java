package io.emojify.trainer.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import io.emojify.djl.nn.BatchConsistency;
import io.emojify.djl.nn.EmotionNetworks;
import io.emojify.trainer.data.Augmentation;
import io.emojify.trainer.data.FaceSet;
import io.emojify.trainer.eval.BlockEvaluator;
import io.emojify.trainer.eval.Metrics;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training loop: augmentation on a background thread, forward and backward on DJL's PyTorch engine, Nesterov SGD,
 * ReduceLROnPlateau on the validation accuracy, a checkpoint after every epoch and the best weights kept. A run can
 * start from trained weights ({@link TrainingConfig#initialWeights}) and learn from a {@link Teacher}'s outputs as well
 * as from the labels ({@link DistillationLoss}).
 *
 * <p>Every random choice is derived from the seed and the epoch (and batch) number, so a run resumed from a checkpoint
 * continues exactly as if it had not stopped. A time budget stops the run cleanly between batches; the epoch in progress is
 * then discarded and the last checkpoint stays the resume point.
 */
public final class Trainer {

    /** The file name of the weights in a checkpoint and in the best folder. */
    public static final String PARAMS = "emotion.params";
    /** The folder under the run folder that holds the best weights so far. */
    public static final String BEST = "best";
    /** The folder under the run folder that holds every epoch's weights when {@link TrainingConfig#keepWeights} is set. */
    public static final String KEPT_WEIGHTS = "weights";

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
    private static final String OPTIMIZER = "optimizer.ndlist";
    private static final String OPTIMIZER_NAMES = "optimizer.names";

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
        Checkpoints checkpoints = new Checkpoints(runDir);
        Optional<Path> resumeFrom = checkpoints.latestValid();
        TrainingState state = resumeOrStart(resumeFrom);
        state.trainDataChecksum = trainChecksum;
        state.validationDataChecksum = validationChecksum;
        TrainingConfig cfg = state.config;
        int side = EmotionNetworks.inputSize(cfg.architecture);
        Augmentation augmentation = new Augmentation(cfg.crops(), side);
        long deadline = cfg.timeBudgetMinutes > 0
                ? System.nanoTime() + (long) (cfg.timeBudgetMinutes * 60e9) : Long.MAX_VALUE;
        measureDataPath(train, augmentation, state);
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed((int) cfg.seed);
        state.runtime = RuntimeRecord.now();
        LOG.info("Running on {}", state.runtime);
        ExecutorService prefetch = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "emojify-augment");
            t.setDaemon(true);
            return t;
        });
        try (NDManager manager = engine.newBaseManager()) {
            Block block = EmotionNetworks.build(cfg.architecture);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, side, side));
            try (NesterovSgd optimizer = new NesterovSgd(manager, (float) cfg.momentum, (float) cfg.weightDecay);
                    Teacher teacher = openTeacher(cfg, manager, side, train)) {
                prepareWeights(block, manager, optimizer, resumeFrom, cfg);
                if (resumeFrom.isEmpty() && cfg.continuedFrom != null) {
                    saveBest(block, runDir, state); // the kept weights: what export reads until an epoch beats them
                }
                checkBatches(engine, manager, block, side);
                Loss loss = teacher == null ? Loss.softmaxCrossEntropyLoss()
                        : new DistillationLoss(cfg.distillationWeight, cfg.distillationTemperature);
                Step step = new Step(engine, manager, block, optimizer, teacher, loss, side);
                while (state.epochsDone < cfg.epochs) {
                    int epoch = state.epochsDone + 1;
                    startEpoch(state, epoch);
                    engine.setRandomSeed((int) (cfg.seed * 31 + epoch));
                    TrainingState.Epoch record = trainEpoch(step, train, augmentation, prefetch, state, epoch, deadline);
                    if (record == null) {
                        progress.endEpoch("time budget spent: epoch " + epoch + " discarded");
                        LOG.info("Time budget of {} minutes spent during epoch {}; the run resumes from epoch {}",
                                cfg.timeBudgetMinutes, epoch, state.epochsDone);
                        break;
                    }
                    endEpoch(step, validation, checkpoints, state, record);
                }
            }
        } finally {
            prefetch.shutdownNow();
        }
        return state;
    }

    /** Reads the newest checkpoint's state and checks that it can continue under this trainer's settings, or starts anew. */
    private TrainingState resumeOrStart(Optional<Path> resumeFrom) throws IOException {
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
        switchSchedule(state, requestedSchedule, requestedAnnealAfter);
        return state;
    }

    /**
     * Starts a run folder from what {@code keep-half} kept: the kept state (settings, epochs done, history, rate, plateau)
     * with the kept half-precision weights as the starting weights; this run's data, epochs, time budget and teacher. The
     * kept weights are the newest epoch's, so the run's best becomes that epoch (an earlier best stays in the history and
     * in the plateau rule), and its weights are written as the run's best before the first step.
     */
    private static TrainingState continueKept(TrainingConfig requested) throws IOException {
        Path prefix = Path.of(requested.continuedFrom);
        Path stateFile = prefix.resolveSibling(prefix.getFileName() + HalfPrecisionWeights.STATE_SUFFIX);
        Path weights = prefix.resolveSibling(prefix.getFileName() + HalfPrecisionWeights.SUFFIX);
        for (Path p : List.of(stateFile, weights)) {
            if (!Files.isRegularFile(p)) {
                throw new IOException("--continue " + prefix + ": " + p + " is missing (keep-half writes it)");
            }
        }
        TrainingState state;
        try {
            state = Checkpoints.readStateFile(stateFile);
        } catch (RuntimeException e) {
            throw new IOException("--continue " + prefix + ": " + stateFile + " is not a training state: " + e.getMessage(),
                    e);
        }
        if (state == null || state.config == null || state.history == null) {
            throw new IOException("--continue " + prefix + ": " + stateFile + " is not a training state");
        }
        if (requested.architecture != null && !state.config.architecture.equals(requested.architecture)) {
            throw new IllegalArgumentException("--continue " + prefix + " holds a '" + state.config.architecture
                    + "' run; asked to train '" + requested.architecture + "'");
        }
        state.config.trainData = requested.trainData;
        state.config.validationData = requested.validationData;
        state.config.epochs = requested.epochs;
        state.config.timeBudgetMinutes = requested.timeBudgetMinutes;
        state.config.keepWeights = requested.keepWeights;
        if (requested.teacher != null) {
            state.config.teacher = requested.teacher;
        }
        if (!state.history.isEmpty()) {
            state.bestAccuracy = state.history.get(state.history.size() - 1).validationAccuracy;
            state.bestEpoch = state.epochsDone;
        }
        state.config.initialWeights = weights.toString();
        state.config.continuedFrom = prefix.toString();
        if (state.config.schedule == null) {
            state.config.schedule = TrainingConfig.PLATEAU;
        }
        LOG.info("Going on from {} (epoch {} done, best validation accuracy {} at epoch {}); momentum starts from zero",
                prefix, state.epochsDone, state.bestAccuracy, state.bestEpoch);
        return state;
    }

    /**
     * Gives the block its starting weights: the checkpoint's (and the optimizer its momentum) when resuming, else the
     * {@code --init} weights, else the configured random initialisation; then marks the weights as trainable.
     */
    private static void prepareWeights(Block block, NDManager manager, NesterovSgd optimizer,
            Optional<Path> resumeFrom, TrainingConfig cfg) throws IOException {
        if (resumeFrom.isPresent()) {
            loadParameters(block, manager, resumeFrom.get().resolve(PARAMS));
            Path opt = resumeFrom.get().resolve(OPTIMIZER);
            List<String> names = Files.readAllLines(resumeFrom.get().resolve(OPTIMIZER_NAMES));
            try (NDManager tmp = manager.newSubManager()) {
                optimizer.restore(NDList.decode(tmp, Files.readAllBytes(opt)), names);
            }
        } else if (cfg.initialWeights != null) {
            Path weights = resolveWeights(Path.of(cfg.initialWeights));
            cfg.initialWeightsChecksum = Checkpoints.sha256(weights);
            loadParameters(block, manager, weights);
            LOG.info("Starting from the weights in {} (SHA-256 {})", weights, cfg.initialWeightsChecksum);
        } else if (TrainingConfig.INIT_PYTORCH.equals(cfg.initialisation)) {
            int drawn = PyTorchInitialisation.apply(block, manager);
            LOG.info("PyTorch's default initialisation of {} weight tensors and their biases", drawn);
        } else if (cfg.initialisation != null && !TrainingConfig.INIT_DJL.equals(cfg.initialisation)) {
            throw new IllegalArgumentException("Unknown initialisation '" + cfg.initialisation + "'; known: "
                    + TrainingConfig.INIT_DJL + ", " + TrainingConfig.INIT_PYTORCH);
        }
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                p.getValue().getArray().setRequiresGradient(true);
            }
        }
    }

    /** Sets the learning rate for the epoch about to start when the cosine schedule is (or becomes) in force. */
    private static void startEpoch(TrainingState state, int epoch) {
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
     * Trains one epoch, batches augmented one ahead on the prefetch thread.
     *
     * @return the epoch's record without its validation numbers, or {@code null} if the time budget ran out in it
     */
    private TrainingState.Epoch trainEpoch(Step step, FaceSet train, Augmentation augmentation, ExecutorService prefetch,
            TrainingState state, int epoch, long deadline) {
        TrainingConfig cfg = state.config;
        long t0 = System.nanoTime();
        int[] order = permutation(train.size(), new SplittableRandom(cfg.seed * 1_000_003L + epoch));
        int batches = (train.size() + cfg.batchSize - 1) / cfg.batchSize;
        if (cfg.maxBatchesPerEpoch > 0) {
            batches = Math.min(batches, cfg.maxBatchesPerEpoch);
        }
        double lossSum = 0;
        long correct = 0;
        long samples = 0;
        CompletableFuture<Batch> next = submit(prefetch, train, order, 0, cfg, augmentation, epoch);
        progress.startEpoch(epoch, cfg.epochs, batches);
        for (int b = 0; b < batches; b++) {
            if (System.nanoTime() > deadline) {
                next.cancel(false);
                return null;
            }
            Batch batch = next.join();
            if (b + 1 < batches) {
                next = submit(prefetch, train, order, b + 1, cfg, augmentation, epoch);
            }
            float[] logits = step.run(batch.pixels(), batch.labels(), batch.faces(), (float) state.learningRate);
            lossSum += step.lastLoss * batch.labels().length;
            correct += countCorrect(logits, batch.labels());
            samples += batch.labels().length;
            progress.batch(b + 1, lossSum / samples, samples / ((System.nanoTime() - t0) / 1e9));
        }
        TrainingState.Epoch record = new TrainingState.Epoch();
        record.epoch = epoch;
        record.trainLoss = lossSum / samples;
        record.trainAccuracy = correct / (double) samples;
        record.learningRate = state.learningRate;
        record.samplesPerSecond = samples / ((System.nanoTime() - t0) / 1e9);
        record.seconds = (System.nanoTime() - t0) / 1e9;
        return record;
    }

    /**
     * Validates the epoch's weights, steps the plateau rule, keeps the best and the epoch's weights, and writes the
     * checkpoint.
     */
    private void endEpoch(Step step, FaceSet validation, Checkpoints checkpoints, TrainingState state,
            TrainingState.Epoch record) throws IOException {
        long t0 = System.nanoTime();
        TrainingConfig cfg = state.config;
        Block block = step.block;
        Metrics val = new BlockEvaluator(block, step.manager, step.side)
                .evaluate(validation, BlockEvaluator.View.validating(cfg.crops()), 256);
        record.validationLoss = val.loss;
        record.validationAccuracy = val.accuracy;
        record.seconds += (System.nanoTime() - t0) / 1e9;
        state.history.add(record);
        state.trainingSeconds += record.seconds;
        state.epochsDone = record.epoch;
        if (state.cosineAfterEpoch < 0) {
            state.learningRate = state.plateau.step(val.accuracy, state.learningRate);
        }
        if (val.accuracy > state.bestAccuracy) {
            state.bestAccuracy = val.accuracy;
            state.bestEpoch = record.epoch;
            saveBest(block, runDir, state);
        }
        if (cfg.keepWeights) { // before the checkpoint: a checkpoint's epoch always has its weights kept
            Path kept = keptWeights(runDir, record.epoch);
            Files.createDirectories(kept.getParent());
            saveParameters(block, kept);
        }
        checkpoints.save(state, dir -> {
            saveParameters(block, dir.resolve(PARAMS));
            Files.write(dir.resolve(OPTIMIZER), step.optimizer.state().encode());
            Files.write(dir.resolve(OPTIMIZER_NAMES), step.optimizer.names(), StandardCharsets.UTF_8);
        });
        progress.endEpoch(String.format(Locale.ROOT,
                "epoch %d: train loss %.4f acc %.4f | val loss %.4f acc %.4f (best %.4f @%d) | lr %.5f | %.0f s",
                record.epoch, record.trainLoss, record.trainAccuracy, val.loss, val.accuracy, state.bestAccuracy,
                state.bestEpoch, record.learningRate, record.seconds));
    }

    /**
     * One optimisation step: forward, loss, backward and the update of every trainable parameter. Every native array a
     * step makes is closed before it returns (the gradients read from the parameters included), so a run's native memory
     * does not grow with its steps.
     */
    static final class Step {
        final Engine engine;
        final NDManager manager;
        final Block block;
        final NesterovSgd optimizer;
        final Teacher teacher;
        final Loss loss;
        final int side;
        final ParameterStore parameterStore;
        /** The mean loss of the last step's batch. */
        float lastLoss;

        Step(Engine engine, NDManager manager, Block block, NesterovSgd optimizer, Teacher teacher, Loss loss, int side) {
            this.engine = engine;
            this.manager = manager;
            this.block = block;
            this.optimizer = optimizer;
            this.teacher = teacher;
            this.loss = loss;
            this.side = side;
            this.parameterStore = new ParameterStore(manager, false);
        }

        /**
         * Runs one step on a batch.
         *
         * @param pixels the samples, {@code n * side * side} floats
         * @param labels the n class indices
         * @param faces the index of each sample's face in the training set (for a {@link SoftTargets} teacher)
         * @param learningRate the rate
         * @return the batch's logits, {@code n * classes} floats
         */
        float[] run(float[] pixels, float[] labels, int[] faces, float learningRate) {
            int n = labels.length;
            float[] logits;
            try (NDManager scope = manager.newSubManager()) {
                NDArray x = scope.create(pixels, new Shape(n, 1, side, side));
                NDArray y = scope.create(labels, new Shape(n));
                NDList targets = teacher == null ? new NDList(y) : new NDList(y, teacher.logits(x, faces));
                try (GradientCollector gc = engine.newGradientCollector()) {
                    NDList out = block.forward(parameterStore, new NDList(x), true);
                    NDArray l = loss.evaluate(targets, out);
                    gc.backward(l);
                    lastLoss = l.getFloat();
                    logits = out.singletonOrThrow().toFloatArray();
                }
                for (Pair<String, Parameter> p : block.getParameters()) {
                    if (p.getValue().requiresGradient()) {
                        NDArray w = p.getValue().getArray();
                        try (NDArray grad = w.getGradient()) { // a new native handle on every call
                            optimizer.update(p.getKey(), w, grad, learningRate);
                            grad.subi(grad); // PyTorch accumulates gradients: clear them for the next batch
                        }
                    }
                }
            }
            return logits;
        }
    }

    /**
     * Puts a run on the named schedule: a new run, or a resumed one whose schedule changes here. Cosine annealing begins
     * in the loop once {@code annealAfter} epochs are done (at once for a resumed plateau run when it is 0), from the rate
     * in force then.
     */
    private static void switchSchedule(TrainingState state, String requested, int annealAfter) {
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

    /**
     * Opens the run's teacher, if it has one (an exported model folder, or a soft-targets file written for these training
     * faces), and checks that it is the teacher the run started with.
     *
     * @return the teacher, or {@code null} (try-with-resources accepts it)
     */
    private static Teacher openTeacher(TrainingConfig cfg, NDManager manager, int side, FaceSet train)
            throws IOException {
        if (cfg.teacher == null) {
            return null;
        }
        Path path = Path.of(cfg.teacher);
        Teacher teacher;
        if (SoftTargets.isSoftTargets(path)) {
            SoftTargets targets = SoftTargets.read(path);
            targets.requireFor(train);
            teacher = targets;
        } else {
            teacher = ModelTeacher.open(path, manager, side);
        }
        String checksum = teacher.checksum();
        if (cfg.teacherChecksum != null && !cfg.teacherChecksum.equals(checksum)) {
            teacher.close();
            throw new IOException("The teacher " + cfg.teacher + " has changed since the run started: it has "
                    + "SHA-256 " + checksum + ", the checkpoint recorded " + cfg.teacherChecksum);
        }
        cfg.teacherChecksum = checksum;
        LOG.info("Distilling from {} at {} (weight {}, temperature {})", teacher, cfg.teacher, cfg.distillationWeight,
                cfg.distillationTemperature);
        return teacher;
    }

    /**
     * Finds the weights a path names: a parameters file itself, a run folder's best weights, or a model folder's weights.
     *
     * @param path a file or folder
     * @return the parameters file
     * @throws IOException if the path holds no weights
     */
    private static Path resolveWeights(Path path) throws IOException {
        if (Files.isRegularFile(path)) {
            return path;
        }
        for (Path candidate : List.of(path.resolve(BEST).resolve(PARAMS), path.resolve(PARAMS))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IOException("No weights at " + path + ": expected a parameters file, a run folder with " + BEST + "/"
                + PARAMS + ", or a model folder with " + PARAMS);
    }

    /**
     * Where a run that keeps every epoch's weights ({@link TrainingConfig#keepWeights}) puts those of one epoch.
     *
     * @param runDir the run folder
     * @param epoch the 1-based epoch
     * @return the parameters file
     */
    public static Path keptWeights(Path runDir, int epoch) {
        return runDir.resolve(KEPT_WEIGHTS).resolve(String.format(Locale.ROOT, "epoch-%04d.params", epoch));
    }

    /** Times the data path on one thread, with and without augmentation, so that it can be compared with training. */
    private static void measureDataPath(FaceSet train, Augmentation augmentation, TrainingState state) {
        int n = Math.min(2000, train.size());
        int px = augmentation.outSide() * augmentation.outSide();
        float[] buf = new float[augmentation.samplesPerImage() * px];
        SplittableRandom rnd = new SplittableRandom(1);
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            augmentation.augment(train.pixels(i), rnd, buf, 0);
        }
        long t1 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            System.arraycopy(Augmentation.whole(train.pixels(i), augmentation.outSide()), 0, buf, 0, px);
        }
        long t2 = System.nanoTime();
        state.augmentedImagesPerSecond = n / ((t1 - t0) / 1e9);
        state.plainImagesPerSecond = n / ((t2 - t1) / 1e9);
        LOG.info("Data path on one thread: {} images/s with augmentation ({} samples each), {} images/s without",
                Math.round(state.augmentedImagesPerSecond), augmentation.samplesPerImage(),
                Math.round(state.plainImagesPerSecond));
    }

    /** Writes a run's best weights so far, and the epoch and validation accuracy they reached. */
    static void saveBest(Block block, Path runDir, TrainingState state) throws IOException {
        Path best = runDir.resolve(BEST);
        Files.createDirectories(best);
        saveParameters(block, best.resolve(PARAMS));
        Files.writeString(best.resolve("epoch.txt"), state.epochsDone + " " + state.bestAccuracy + "\n");
    }

    /**
     * Writes a block's parameters in DJL's format, atomically ({@link AtomicFiles}).
     *
     * @param block the block
     * @param file the file
     * @throws IOException if writing fails
     */
    public static void saveParameters(Block block, Path file) throws IOException {
        AtomicFiles.write(file, out -> {
            DataOutputStream data = new DataOutputStream(out);
            block.saveParameters(data);
            data.flush();
        });
    }

    /**
     * Reads a block's parameters in DJL's format, or in half precision from a file named {@code *.half.ndlist}
     * ({@link HalfPrecisionWeights}).
     *
     * @param block an initialised block of the same architecture
     * @param manager the manager that owns the parameters
     * @param file the file
     * @throws IOException if reading fails
     */
    public static void loadParameters(Block block, NDManager manager, Path file) throws IOException {
        if (file.getFileName().toString().endsWith(HalfPrecisionWeights.SUFFIX)) {
            HalfPrecisionWeights.load(block, manager, file);
            return;
        }
        try (InputStream is = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(is))) {
            block.loadParameters(manager, in);
        } catch (ai.djl.MalformedModelException e) {
            throw new IOException("Malformed parameters in " + file + ": " + e.getMessage(), e);
        }
    }

    private static CompletableFuture<Batch> submit(ExecutorService pool, FaceSet set, int[] order, int b,
            TrainingConfig cfg, Augmentation aug, int epoch) {
        return CompletableFuture.supplyAsync(() -> makeBatch(set, order, b, cfg, aug, epoch), pool);
    }

    /**
     * One batch of augmented samples.
     *
     * @param pixels the samples, {@code n * side * side} floats
     * @param labels the n class indices
     * @param faces the index of each sample's face in the training set
     */
    record Batch(float[] pixels, float[] labels, int[] faces) {}

    static Batch makeBatch(FaceSet set, int[] order, int b, TrainingConfig cfg, Augmentation aug, int epoch) {
        int from = b * cfg.batchSize;
        int count = Math.min(cfg.batchSize, order.length - from);
        int per = aug.samplesPerImage();
        int px = aug.outSide() * aug.outSide();
        float[] data = new float[count * per * px];
        float[] labels = new float[count * per];
        int[] faces = new int[count * per];
        SplittableRandom rnd = new SplittableRandom(cfg.seed ^ ((long) epoch << 32) ^ (b * 0x9E3779B97F4A7C15L));
        for (int i = 0; i < count; i++) {
            int idx = order[from + i];
            aug.augment(set.pixels(idx), rnd, data, i * per * px);
            for (int k = 0; k < per; k++) {
                labels[i * per + k] = set.label(idx);
                faces[i * per + k] = idx;
            }
        }
        return new Batch(data, labels, faces);
    }

    static int[] permutation(int n, SplittableRandom rnd) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static int countCorrect(float[] logits, float[] labels) {
        int classes = logits.length / labels.length;
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (logits[i * classes + c] > logits[i * classes + best]) {
                    best = c;
                }
            }
            if (best == (int) labels[i]) {
                correct++;
            }
        }
        return correct;
    }

    /** Receives the progress of training, for a progress bar or a log. */
    public interface ProgressReporter {
        /**
         * @param epoch the epoch starting
         * @param epochs the last epoch
         * @param batches the batches in it
         */
        void startEpoch(int epoch, int epochs, int batches);

        /**
         * @param done batches done
         * @param runningLoss the mean loss so far
         * @param samplesPerSecond the throughput so far
         */
        void batch(int done, double runningLoss, double samplesPerSecond);

        /**
         * @param summary the epoch's summary line
         */
        void endEpoch(String summary);

        /** @return a reporter that reports nothing (tests, and callers that read the returned state only) */
        static ProgressReporter none() {
            return new ProgressReporter() {
                @Override
                public void startEpoch(int epoch, int epochs, int batches) {}

                @Override
                public void batch(int done, double runningLoss, double samplesPerSecond) {}

                @Override
                public void endEpoch(String summary) {}
            };
        }
    }
}
