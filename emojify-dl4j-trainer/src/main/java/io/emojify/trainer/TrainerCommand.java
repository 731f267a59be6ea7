package io.emojify.trainer;

import com.google.gson.GsonBuilder;
import io.emojify.djl.Engines;
import io.emojify.djl.emotion.DjlEmotionClassifier;
import io.emojify.djl.model.EmotionModel;
import io.emojify.djl.model.ModelCard;
import io.emojify.djl.nn.EmotionNetworks;
import io.emojify.trainer.data.FaceSet;
import io.emojify.trainer.data.Fer2013Loader;
import io.emojify.trainer.eval.Calibration;
import io.emojify.trainer.eval.Metrics;
import io.emojify.trainer.eval.ModelEvaluator;
import io.emojify.trainer.export.ModelExporter;
import io.emojify.trainer.export.TeacherOutputs;
import io.emojify.trainer.train.AtomicFiles;
import io.emojify.trainer.train.AveragedRun;
import io.emojify.trainer.train.SoftTargets;
import io.emojify.trainer.train.Trainer;
import io.emojify.trainer.train.TrainingConfig;
import io.emojify.trainer.train.TrainingState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** The trainer's command line: {@code train}, {@code evaluate}, {@code calibrate}, {@code export} and the rest. */
@Command(name = "emojify-trainer", mixinStandardHelpOptions = true, version = "emojify-trainer 0.1.0",
        description = "Trains, evaluates and exports Emojify's emotion networks on FER-2013.",
        subcommands = {TrainerCommand.Train.class, TrainerCommand.Average.class, TrainerCommand.KeepHalf.class, TrainerCommand.Export.class,
                TrainerCommand.Teach.class, TrainerCommand.Evaluate.class,
                TrainerCommand.Calibrate.class,
                TrainerCommand.EvaluatePipeline.class, TrainerCommand.Framing.class})
public final class TrainerCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.err);
        return 2;
    }

    /**
     * Runs the command line.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs the command line without exiting. Exit codes: 0 done, 1 the data or a run could not be used (one line says
     * why), 2 bad arguments (one line names the option and its value).
     *
     * @param args the arguments
     * @return the exit code
     */
    static int run(String... args) {
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        CommandLine cl = new CommandLine(new TrainerCommand());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            String command = "emojify-trainer " + commandLine.getCommandName();
            if (ex instanceof BadInput bad) {
                commandLine.getErr().println(command + ": " + bad.getMessage());
                return bad.exitCode;
            }
            throw ex; // unexpected: picocli prints it with its stack trace, exit code 1
        });
        return cl.execute(args);
    }

    /** Bad arguments (exit code 2) or data that cannot be used (exit code 1), said in one line. */
    static final class BadInput extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int exitCode;

        BadInput(int exitCode, String message) {
            super(message);
            this.exitCode = exitCode;
        }

        static BadInput usage(String option, Object value, String rule) {
            return new BadInput(2, option + " " + value + ": " + rule);
        }
    }

    private static void require(boolean ok, String option, Object value, String rule) {
        if (!ok) {
            throw BadInput.usage(option, value, rule);
        }
    }

    private static void requireExists(Path path, String option) {
        if (path != null && !Files.exists(path)) {
            throw BadInput.usage(option, path, "no such file or folder");
        }
    }

    /** Checks that the folder that is to hold --out exists, so that nothing is written before the error. */
    private static void requireFolderOf(Path out) {
        Path folder = out.toAbsolutePath().getParent();
        require(folder != null && Files.isDirectory(folder), "--out", out, "its folder does not exist");
    }

    /** Checks that --data names FER-2013 in a form {@link #load} reads: a CSV file, or a folder with class folders. */
    private static void checkData(Path data, String split) {
        requireExists(data, "--data");
        if (Files.isRegularFile(data)) {
            return;
        }
        Path dir = Files.isDirectory(data.resolve(split)) ? data.resolve(split) : data;
        if (!Files.isReadable(dir)) {
            throw new BadInput(1, "--data " + dir + ": the folder cannot be read");
        }
        boolean anyClass = java.util.Arrays.stream(io.emojify.emotion.Emotion.values())
                .anyMatch(e -> Files.isDirectory(dir.resolve(e.label())));
        if (!anyClass) {
            throw BadInput.usage("--data", dir, "no class folder in it (expected one or more of "
                    + io.emojify.emotion.Emotion.labels() + ", each holding that class's images)");
        }
    }

    /**
     * Loads a FER-2013 split from a split folder, a data set root (with {@code train/} and {@code test/}) or fer2013.csv.
     *
     * @param data the path
     * @param split {@code train} or {@code test}
     * @param report receives the counts
     * @return the faces
     * @throws IOException if the data cannot be read
     */
    static FaceSet load(Path data, String split, Fer2013Loader.Report report) throws IOException {
        checkData(data, split);
        FaceSet set;
        Path source;
        try {
            if (Files.isRegularFile(data)) {
                Set<String> usages = split.equals("train") ? Set.of("Training") : Set.of("PublicTest");
                source = data;
                set = Fer2013Loader.loadCsv(data, usages, report);
            } else {
                source = Files.isDirectory(data.resolve(split)) ? data.resolve(split) : data;
                set = Fer2013Loader.loadFolder(source, report);
            }
        } catch (IOException e) {
            throw new BadInput(1, "--data " + data + ": " + e.getMessage());
        }
        if (report.dropped() > 0 && set.size() > 0) {
            System.err.println("emojify-trainer: " + source + ": " + report.dropped() + " unusable "
                    + (Files.isRegularFile(data) ? "rows" : "files") + " skipped (" + report.outOfRange
                    + " with pixel values outside 0-255, " + report.malformed + " malformed rows, first: "
                    + report.unreadable.get(0) + ")");
        }
        if (set.size() == 0) {
            String what = Files.isRegularFile(data)
                    ? "no usable " + (split.equals("train") ? "Training" : "PublicTest") + " row"
                    : "no usable image in its class folders";
            throw new BadInput(1, "--data " + source + ": " + what + " (" + report.dropped() + " unusable, "
                    + report.blank + " blank"
                    + (report.dropped() > 0 ? "; first unusable: " + report.unreadable.get(0) : "") + ")");
        }
        return set;
    }

    /** {@code train}: trains a network, resuming from the run folder when it holds a checkpoint. */
    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Train a network on FER-2013 (resumes from --run when it holds a checkpoint).")
    static final class Train implements Callable<Integer> {
        @Option(names = "--data", required = true,
                description = "FER-2013: a folder with train/ and test/ class folders, or fer2013.csv")
        Path data;
        @Option(names = "--run", required = true, description = "Run folder: checkpoints, best weights, history")
        Path run;
        @Option(names = "--arch", description = "Architecture: compact (default), wide or vgg; with --continue, the "
                + "kept run's")
        String arch;
        @Option(names = "--epochs", defaultValue = "300") int epochs;
        @Option(names = "--batch", defaultValue = "64") int batch;
        @Option(names = "--lr", defaultValue = "0.01") double lr;
        @Option(names = "--momentum", defaultValue = "0.9") double momentum;
        @Option(names = "--weight-decay", defaultValue = "1e-4") double weightDecay;
        @Option(names = "--plateau-factor", defaultValue = "0.75") double plateauFactor;
        @Option(names = "--plateau-patience", defaultValue = "5") int plateauPatience;
        @Option(names = "--schedule", description = "Learning-rate schedule: plateau (the paper's; default for a new run) or "
                + "cosine (anneal to zero at --epochs from the current rate; switches a resumed run)")
        String schedule;
        @Option(names = "--anneal-after", defaultValue = "0",
                description = "With --schedule cosine: epochs on the plateau rule before annealing starts")
        int annealAfter;
        @Option(names = "--crops-per-face", description = "What each face gives per epoch: 0 the whole face, 1 one 40x40 "
                + "crop at a random position (the paper's recipe at a tenth of its cost), 10 the paper's ten crops "
                + "(default: 10 for vgg, 0 for compact and wide). Networks trained on crops are validated on the ten "
                + "crops with their logits averaged, as the paper does.")
        Integer cropsPerFace;
        @Option(names = "--initialisation", description = "Random initial weights: pytorch (nn.Conv2d's and nn.Linear's "
                + "defaults, as the paper's code; default for vgg) or djl (He-normal weights, zero biases; default for "
                + "compact and wide)")
        String initialisation;
        @Option(names = "--seed", defaultValue = "20260101") long seed;
        @Option(names = "--time-budget", defaultValue = "0", description = "Stop cleanly after this many minutes")
        double timeBudget;
        @Option(names = "--limit-per-class", defaultValue = "0", description = "Keep at most N faces of each class")
        int limitPerClass;
        @Option(names = "--max-batches", defaultValue = "0", description = "Stop each epoch after N batches")
        int maxBatches;
        @Option(names = "--init", description = "Start a new run from these weights: a parameters file, a run folder "
                + "(its best weights) or a model folder")
        Path init;
        @Option(names = "--continue", paramLabel = "FILE", description = "Go on with an unfinished run that keep-half "
                + "kept (FILE.half.ndlist and FILE.state.json) in a new run folder: its settings, epochs, history, rate and "
                + "plateau continue; the momentum starts from zero")
        Path continueFrom;
        @Option(names = "--teacher", description = "Distil from this exported model folder (an ensemble, say), or from "
                + "a soft-targets file that teach wrote for these training faces (any teacher input size): the "
                + "network learns its softened outputs as well as the labels")
        Path teacher;
        @Option(names = "--distill-weight", defaultValue = "0.5",
                description = "With --teacher: weight of the teacher's soft targets in the loss, 0 to 1")
        double distillWeight;
        @Option(names = "--temperature", defaultValue = "4",
                description = "With --teacher: temperature softening both networks' probabilities")
        double temperature;
        @Option(names = "--keep-weights", description = "Keep every epoch's weights in RUN/weights/ (for average)")
        boolean keepWeights;

        /** Checks every option before any work: one line names the first bad option and its value (exit code 2). */
        void validate() {
            require(batch >= 1, "--batch", batch, "must be 1 or more");
            require(epochs >= 1, "--epochs", epochs, "must be 1 or more");
            require(Double.isFinite(lr) && lr > 0, "--lr", lr, "must be a number above 0");
            require(Double.isFinite(momentum) && momentum >= 0 && momentum < 1, "--momentum", momentum,
                    "must be 0 or more and below 1");
            require(Double.isFinite(weightDecay) && weightDecay >= 0, "--weight-decay", weightDecay, "must be 0 or more");
            require(Double.isFinite(plateauFactor) && plateauFactor > 0 && plateauFactor < 1, "--plateau-factor",
                    plateauFactor, "must be above 0 and below 1");
            require(plateauPatience >= 0, "--plateau-patience", plateauPatience, "must be 0 or more");
            require(annealAfter >= 0, "--anneal-after", annealAfter, "must be 0 or more");
            require(schedule == null || schedule.equals(TrainingConfig.PLATEAU) || schedule.equals(TrainingConfig.COSINE),
                    "--schedule", schedule, "unknown; use " + TrainingConfig.PLATEAU + " or " + TrainingConfig.COSINE);
            if (arch == null && continueFrom == null) {
                arch = EmotionNetworks.COMPACT;
            }
            if (arch != null) {
                boolean known;
                try {
                    known = EmotionNetworks.members(arch).stream().allMatch(m -> EmotionNetworks.names()
                            .contains(m.toLowerCase(java.util.Locale.ROOT)));
                    if (known) {
                        EmotionNetworks.inputSize(arch);
                    }
                } catch (IllegalArgumentException e) {
                    throw BadInput.usage("--arch", arch, e.getMessage());
                }
                require(known, "--arch", arch, "unknown; use " + String.join(", ", EmotionNetworks.names())
                        + ", or several joined by " + EmotionNetworks.ENSEMBLE_SEPARATOR);
            }
            require(cropsPerFace == null || cropsPerFace == 0 || cropsPerFace == 1 || cropsPerFace == 10,
                    "--crops-per-face", cropsPerFace, "must be 0 (the whole face), 1 or 10");
            require(initialisation == null || initialisation.equals(TrainingConfig.INIT_DJL)
                    || initialisation.equals(TrainingConfig.INIT_PYTORCH), "--initialisation", initialisation,
                    "unknown; use " + TrainingConfig.INIT_PYTORCH + " or " + TrainingConfig.INIT_DJL);
            require(Double.isFinite(timeBudget) && timeBudget >= 0, "--time-budget", timeBudget,
                    "must be 0 (no limit) or more minutes");
            require(limitPerClass >= 0, "--limit-per-class", limitPerClass, "must be 0 (all) or more");
            require(maxBatches >= 0, "--max-batches", maxBatches, "must be 0 (all) or more");
            require(Double.isFinite(distillWeight) && distillWeight >= 0 && distillWeight <= 1, "--distill-weight",
                    distillWeight, "must be 0 to 1");
            require(Double.isFinite(temperature) && temperature > 0, "--temperature", temperature,
                    "must be a number above 0");
            requireExists(data, "--data");
            requireExists(init, "--init");
            require(continueFrom == null || init == null, "--continue", continueFrom, "cannot be given with --init");
            requireExists(teacher, "--teacher");
            require(!Files.exists(run) || Files.isDirectory(run), "--run", run, "exists and is not a folder");
        }

        @Override
        public Integer call() throws IOException {
            validate();
            TrainingConfig c = new TrainingConfig();
            c.architecture = arch;
            c.trainData = data.toString();
            c.validationData = data.toString();
            c.epochs = epochs;
            c.batchSize = batch;
            c.learningRate = lr;
            c.momentum = momentum;
            c.weightDecay = weightDecay;
            c.plateauFactor = plateauFactor;
            c.plateauPatience = plateauPatience;
            c.schedule = schedule;
            c.annealAfter = annealAfter;
            boolean paper = EmotionNetworks.VGG.equals(arch);
            c.cropsPerFace = cropsPerFace != null ? cropsPerFace : paper ? 10 : 0;
            c.initialisation = initialisation != null ? initialisation
                    : paper ? TrainingConfig.INIT_PYTORCH : TrainingConfig.INIT_DJL;
            c.seed = seed;
            c.timeBudgetMinutes = timeBudget;
            c.limitPerClass = limitPerClass;
            c.maxBatchesPerEpoch = maxBatches;
            c.initialWeights = init == null ? null : init.toString();
            c.continuedFrom = continueFrom == null ? null : continueFrom.toString();
            c.teacher = teacher == null ? null : teacher.toString();
            c.distillationWeight = distillWeight;
            c.distillationTemperature = temperature;
            c.keepWeights = keepWeights;
            Fer2013Loader.Report trainReport = new Fer2013Loader.Report();
            Fer2013Loader.Report valReport = new Fer2013Loader.Report();
            FaceSet train = load(data, "train", trainReport);
            FaceSet val = load(data, "test", valReport);
            if (limitPerClass > 0) {
                train = train.firstPerClass(limitPerClass);
                val = val.firstPerClass(limitPerClass);
            }
            TrainingState state;
            try {
                state = new Trainer(c, run, new ConsoleProgress(System.err))
                        .run(train, val, trainReport.checksum, valReport.checksum);
            } catch (IOException e) {
                throw new BadInput(1, "--run " + run + ": " + e.getMessage());
            }
            System.err.printf("Done: %d epochs, best validation accuracy %.4f at epoch %d, %.0f s of training%n",
                    state.epochsDone, state.bestAccuracy, state.bestEpoch, state.trainingSeconds);
            return 0;
        }
    }

    /** {@code keep-half}: a run's newest weights in half precision, with its history, to keep while the run is unfinished. */
    @Command(name = "keep-half", mixinStandardHelpOptions = true,
            description = "Write the newest checkpoint's weights of a run in half precision (FILE.half.ndlist, half the "
                    + "size), its state (FILE.state.json: settings, history, schedule) and its curves (FILE.curves.png): "
                    + "what a later machine needs to go on with train --init FILE.half.ndlist when the run folder is lost.")
    static final class KeepHalf implements Callable<Integer> {
        @Option(names = "--run", required = true, description = "The run folder") Path run;
        @Option(names = "--out", required = true, paramLabel = "FILE",
                description = "Where to write: FILE.half.ndlist, FILE.state.json, FILE.curves.png") Path out;

        @Override
        public Integer call() throws IOException {
            requireFolderOf(out);
            java.util.Optional<Path> newest = new io.emojify.trainer.train.Checkpoints(run).latestValid();
            if (newest.isEmpty()) {
                throw new BadInput(1, "--run " + run + ": holds no valid checkpoint");
            }
            TrainingState state = io.emojify.trainer.train.Checkpoints.readState(newest.get());
            String arch = state.config.architecture;
            Path weights = out.resolveSibling(out.getFileName() + io.emojify.trainer.train.HalfPrecisionWeights.SUFFIX);
            try (ai.djl.ndarray.NDManager manager = ai.djl.engine.Engine.getEngine("PyTorch").newBaseManager()) {
                ai.djl.nn.Block block = EmotionNetworks.build(arch);
                int side = EmotionNetworks.inputSize(arch);
                block.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, new ai.djl.ndarray.types.Shape(1, 1,
                        side, side));
                Trainer.loadParameters(block, manager, newest.get().resolve(Trainer.PARAMS));
                io.emojify.trainer.train.HalfPrecisionWeights.save(block, weights);
            }
            Files.copy(newest.get().resolve(io.emojify.trainer.train.Checkpoints.STATE),
                    out.resolveSibling(out.getFileName() + io.emojify.trainer.train.HalfPrecisionWeights.STATE_SUFFIX),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            io.emojify.trainer.export.Plots.curves(state.history, out.resolveSibling(out.getFileName() + ".curves.png"));
            System.err.printf("Wrote %s (%d bytes): %s after epoch %d (best %.4f at epoch %d)%n", weights,
                    Files.size(weights), arch, state.epochsDone, state.bestAccuracy, state.bestEpoch);
            return 0;
        }
    }

    /** {@code average}: stochastic weight averaging of a run's kept weights into a new run folder. */
    @Command(name = "average", mixinStandardHelpOptions = true,
            description = "Average a run's weights over a range of epochs (stochastic weight averaging; the run must "
                    + "have been trained with --keep-weights), measure the batch-norm statistics again and write a run "
                    + "folder that export reads.")
    static final class Average implements Callable<Integer> {
        @Option(names = "--data", required = true, description = "FER-2013, as given to train") Path data;
        @Option(names = "--run", required = true, description = "The run folder whose kept weights are averaged")
        Path run;
        @Option(names = "--from", required = true, description = "First epoch to average") int from;
        @Option(names = "--to", defaultValue = "0", description = "Last epoch to average (default: the run's last)")
        int to;
        @Option(names = "--out", required = true, description = "Run folder to write") Path out;

        @Override
        public Integer call() throws IOException {
            Fer2013Loader.Report trainReport = new Fer2013Loader.Report();
            Fer2013Loader.Report valReport = new Fer2013Loader.Report();
            FaceSet train = load(data, "train", trainReport);
            FaceSet val = load(data, "test", valReport);
            TrainingState state = AveragedRun.create(run, from, to, out, train, val, trainReport.checksum,
                    valReport.checksum);
            System.err.printf("Averaged epochs %d-%d of %s: validation accuracy %.4f; written to %s%n", from, state.epochsDone,
                    run, state.bestAccuracy, out);
            return 0;
        }
    }

    /** {@code teach}: writes a teacher's outputs for the training faces once, for train --teacher FILE. */
    @Command(name = "teach", mixinStandardHelpOptions = true,
            description = "Write the soft targets of one or more exported models (their probabilities averaged) for every "
                    + "training face, each model seeing the faces as it is validated (ten crops, or the face and its "
                    + "mirror image), with their PublicTest accuracy: a small file that train --teacher FILE distils "
                    + "from without running the teacher, whatever its input size.")
    static final class Teach implements Callable<Integer> {
        @Option(names = "--model", required = true,
                description = "Exported model folder; name several for an ensemble") List<Path> models;
        @Option(names = "--data", required = true, description = "FER-2013, as given to train") Path data;
        @Option(names = "--out", required = true, paramLabel = "FILE",
                description = "The file to write (refused if it exists); by convention NAME" + SoftTargets.SUFFIX)
        Path out;
        @Option(names = "--engine", description = "PyTorch or OnnxRuntime (default: OnnxRuntime if present)")
        String engine;
        @Option(names = "--limit-per-class", defaultValue = "0",
                description = "Keep at most N faces of each class, as train --limit-per-class N") int limitPerClass;

        @Override
        public Integer call() throws IOException {
            for (Path m : models) {
                requireExists(m, "--model");
                require(Files.isDirectory(m), "--model", m, "is not a model folder");
            }
            require(!Files.exists(out), "--out", out, "exists already; name a new file");
            requireFolderOf(out);
            require(limitPerClass >= 0, "--limit-per-class", limitPerClass, "must be 0 (all) or more");
            String eng;
            try {
                eng = engine == null ? Engines.emotionEngine() : Engines.require(engine);
            } catch (io.emojify.EmojifyException e) {
                throw BadInput.usage("--engine", engine, e.getMessage());
            }
            FaceSet train = load(data, "train", new Fer2013Loader.Report());
            FaceSet val = load(data, "test", new Fer2013Loader.Report());
            if (limitPerClass > 0) {
                train = train.firstPerClass(limitPerClass);
                val = val.firstPerClass(limitPerClass);
            }
            StringBuilder command = new StringBuilder("emojify-trainer teach");
            for (Path m : models) {
                command.append(" --model ").append(m);
            }
            command.append(" --data ").append(data).append(" --out ").append(out);
            if (limitPerClass > 0) {
                command.append(" --limit-per-class ").append(limitPerClass);
            }
            SoftTargets targets;
            try {
                targets = TeacherOutputs.compute(models, eng, train, val, command.toString());
            } catch (io.emojify.EmojifyException e) {
                throw new BadInput(1, "--model: " + e.getMessage());
            }
            if (Files.exists(out)) {
                throw BadInput.usage("--out", out, "appeared while the targets were computed; not overwritten");
            }
            targets.write(out);
            System.out.printf(java.util.Locale.ROOT, "Wrote %s: %d training faces, %s; PublicTest accuracy %s (%s faces)%n",
                    out, targets.faces(), targets, targets.publicTest().get("accuracy"),
                    targets.publicTest().get("faces"));
            return 0;
        }
    }

    /** {@code export}: writes a model folder (weights for both engines, model card, plots) from a run's best weights. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Export a run's best weights (or several runs' as one ensemble) as a model folder (DJL "
                    + "parameters, ONNX, model card, plots).")
    static final class Export implements Callable<Integer> {
        @Option(names = "--run", required = true,
                description = "Run folder written by train; name several to export an ensemble of their best networks")
        List<Path> runs;
        @Option(names = "--out", required = true, description = "Model folder to write") Path out;
        @Option(names = "--data", required = true, description = "FER-2013 (for the PublicTest metrics)") Path data;
        @Option(names = "--name", defaultValue = "emojify-emotion-compact") String name;
        @Option(names = "--crop-scale", defaultValue = "1.0",
                description = "Crop side / detector box side, as measured for the detector") double cropScale;
        @Option(names = "--crop-shift-y", defaultValue = "0.0",
                description = "Crop centre shift below the box centre, in box heights") double cropShiftY;
        @Option(names = "--command", description = "The command that reproduces the run, for the model card")
        String command;

        @Override
        public Integer call() throws IOException {
            FaceSet val = load(data, "test", new Fer2013Loader.Report());
            ModelExporter.Options o = new ModelExporter.Options();
            o.name = name;
            o.cropScale = cropScale;
            o.cropShiftY = cropShiftY;
            o.command = command;
            ModelCard card = ModelExporter.export(runs, out, val, o);
            System.out.println(card.toJson());
            return 0;
        }
    }

    /** {@code evaluate}: accuracy, top-2, per-class recall and confusion of a model on a folder of class folders. */
    @Command(name = "evaluate", mixinStandardHelpOptions = true,
            description = "Evaluate a model on a folder of class folders (any subset of the seven FER classes).")
    static final class Evaluate implements Callable<Integer> {
        @Option(names = "--data", required = true,
                description = "A folder of class folders, a FER-2013 root (its test/ split is used) or fer2013.csv")
        Path data;
        @Option(names = "--model", description = "Model folder (default: the model shipped in emojify-djl)")
        Path model;
        @Option(names = "--engine", description = "PyTorch or OnnxRuntime (default: OnnxRuntime if present)")
        String engine;
        @Option(names = "--tta", description = "Ten-crop test-time augmentation") boolean tta;
        @Option(names = "--mirror", description = "Average each face with its mirror image, as the library's "
                + "DjlEmotionClassifier.Builder.optMirrorAveraging does") boolean mirror;
        @Option(names = "--json", description = "Print one JSON object") boolean json;

        @Override
        public Integer call() throws IOException {
            requireExists(model, "--model");
            if (mirror && tta) {
                throw BadInput.usage("--mirror", "with --tta", "the ten crops hold their mirror images already");
            }
            if (engine != null) {
                try {
                    Engines.require(engine);
                } catch (io.emojify.EmojifyException e) {
                    throw BadInput.usage("--engine", engine, e.getMessage());
                }
            }
            FaceSet set = load(data, "test", new Fer2013Loader.Report()); // never empty: that is exit code 1
            EmotionModel m = model == null ? EmotionModel.embedded() : EmotionModel.open(model);
            String eng = engine == null ? Engines.emotionEngine() : Engines.require(engine);
            try (DjlEmotionClassifier c = DjlEmotionClassifier.builder().optModel(m).optEngine(eng)
                    .optMirrorAveraging(mirror).build()) {
                Metrics metrics = new ModelEvaluator(c).evaluate(set, tta);
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("model", m.card().name());
                out.put("engine", eng);
                out.put("tta", tta);
                out.put("mirror", mirror);
                out.put("n", metrics.n);
                out.put("accuracy", metrics.accuracy);
                out.put("top2", metrics.top2);
                out.put("per_class_recall", metrics.perClassRecall);
                out.put("confusion", metrics.confusion);
                if (json) {
                    System.out.println(new GsonBuilder().disableHtmlEscaping().create().toJson(out));
                } else {
                    System.out.println(metrics);
                }
            }
            return 0;
        }
    }

    /** {@code calibrate}: fits the temperature that calibrates a model's probabilities on PublicTest. */
    @Command(name = "calibrate", mixinStandardHelpOptions = true,
            description = "Measure the expected calibration error of a model on FER-2013 PublicTest, fit the temperature "
                    + "that minimises the negative log-likelihood, and with --write keep it in the model card "
                    + "(export does this for every new model).")
    static final class Calibrate implements Callable<Integer> {
        @Option(names = "--data", required = true,
                description = "FER-2013 (its test/ split, PublicTest), a folder of class folders or fer2013.csv")
        Path data;
        @Option(names = "--model", required = true, description = "Model folder") Path model;
        @Option(names = "--write", description = "Write the temperature and the measurements into the model card")
        boolean write;

        @Override
        public Integer call() throws IOException {
            requireExists(model, "--model");
            FaceSet set = load(data, "test", new Fer2013Loader.Report());
            EmotionModel m = EmotionModel.open(model);
            Calibration.Result result;
            try (DjlEmotionClassifier c = new DjlEmotionClassifier(m, Engines.emotionEngine())) {
                result = new ModelEvaluator(c).calibrate(set);
            }
            System.out.println(result);
            if (write) {
                ModelCard card = m.card().toBuilder().optTemperature(result.temperature())
                        .optMetric("publicTestCalibration", ModelEvaluator.summary(result)).build();
                AtomicFiles.writeString(model.resolve(ModelCard.FILE), card.toJson());
                System.err.println("Wrote temperature " + result.temperature() + " into " + model.resolve(ModelCard.FILE));
            }
            return 0;
        }
    }

    /** {@code evaluate-pipeline}: accuracy through {@code Emojify} itself (detector, framing, gray conversion, classifier). */
    @Command(name = "evaluate-pipeline", mixinStandardHelpOptions = true,
            description = "Evaluate the whole library path on a folder of class folders of images of any size: each "
                    + "image goes through Emojify (detection, crop, gray conversion, classifier); the largest face found "
                    + "is compared with the label, and an image without a face counts as wrong.")
    static final class EvaluatePipeline implements Callable<Integer> {
        @Option(names = "--data", required = true,
                description = "A folder of class folders, or a FER-2013 root (its test/ split is used)")
        Path data;
        @Option(names = "--size", defaultValue = "0",
                description = "Enlarge each face to this side first, as in a photo (0: as stored)")
        int size;
        @Option(names = "--margin", defaultValue = "0",
                description = "Background added around each face, as a fraction of its side (a stand-in for a scene)")
        double margin;
        @Option(names = "--colour", description = "Store each image as RGB before the pipeline sees it")
        boolean colour;
        @Option(names = "--whole-face", description = "No detection: each image is one face (WholeImageFaceDetector)")
        boolean wholeFace;
        @Option(names = "--limit-per-class", defaultValue = "0", description = "At most N images of each class")
        int limitPerClass;

        @Override
        public Integer call() throws IOException {
            if (size < 0 || !(margin >= 0 && margin <= 4) || limitPerClass < 0) {
                System.err.println("evaluate-pipeline: --size must be 0 or more (was " + size + "), --margin 0 to 4 (was "
                        + margin + "), --limit-per-class 0 or more (was " + limitPerClass + ")");
                return 2;
            }
            checkData(data, "test");
            Path folder = Files.isDirectory(data.resolve("test")) ? data.resolve("test") : data;
            io.emojify.Emojify.Builder builder = io.emojify.Emojify.builder();
            if (wholeFace) {
                builder.optFaceDetector(new io.emojify.face.WholeImageFaceDetector());
            }
            io.emojify.trainer.eval.PipelineEvaluator.View view =
                    new io.emojify.trainer.eval.PipelineEvaluator.View(size, margin, colour);
            try (io.emojify.Emojify emojify = builder.build()) {
                io.emojify.trainer.eval.PipelineEvaluator.Result r =
                        new io.emojify.trainer.eval.PipelineEvaluator(emojify, view).evaluate(folder, limitPerClass);
                if (r.images() == 0) {
                    throw new BadInput(1, "--data " + folder + ": no usable image in its class folders ("
                            + r.unreadable() + " unreadable)");
                }
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("detector", emojify.faceDetector().name());
                out.put("classifier", emojify.emotionClassifier().name());
                out.put("view", Map.of("size", size, "margin", margin, "colour", colour));
                out.put("n", r.images());
                out.put("faces_found", r.facesFound());
                out.put("unreadable", r.unreadable());
                out.put("accuracy", r.accuracy());
                out.put("top2", r.top2());
                out.put("accuracy_of_found", r.accuracyOfFound());
                out.put("per_class_recall", r.metrics().perClassRecall);
                out.put("confusion", r.metrics().confusion);
                System.out.println(new GsonBuilder().disableHtmlEscaping().create().toJson(out));
            }
            return 0;
        }
    }

    /** {@code framing}: measures how FER-2013 frames faces relative to the YuNet detector's boxes. */
    @Command(name = "framing", mixinStandardHelpOptions = true,
            description = "Measure the crop framing (cropScale, cropShiftY) that matches FER-2013 for the YuNet detector.")
    static final class Framing implements Callable<Integer> {
        @Option(names = "--data", required = true, description = "FER-2013 (its test/ split is used)") Path data;
        @Option(names = "--n", defaultValue = "1000", description = "Faces to try") int n;
        @Option(names = "--zoom", defaultValue = "4", description = "Enlargement of each 48x48 face") int zoom;

        @Override
        public Integer call() throws IOException {
            FaceSet set = load(data, "test", new Fer2013Loader.Report());
            try (io.emojify.djl.face.YuNetFaceDetector d = io.emojify.djl.face.YuNetFaceDetector.create(
                    io.emojify.djl.face.DetectorSettings.DEFAULT.withScoreThreshold(0.5))) {
                io.emojify.trainer.eval.FramingMeasurement.Result r =
                        io.emojify.trainer.eval.FramingMeasurement.measure(d, set, n, zoom);
                System.out.println(new GsonBuilder().setPrettyPrinting().create().toJson(r));
            }
            return 0;
        }
    }
}
