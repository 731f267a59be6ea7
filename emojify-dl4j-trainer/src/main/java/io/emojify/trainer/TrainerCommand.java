package io.emojify.trainer;

import com.google.gson.GsonBuilder;
import io.emojify.djl.Engines;
import io.emojify.djl.emotion.DjlEmotionClassifier;
import io.emojify.djl.model.EmotionModel;
import io.emojify.djl.model.ModelCard;
import io.emojify.trainer.data.FaceSet;
import io.emojify.trainer.data.Fer2013Loader;
import io.emojify.trainer.eval.Metrics;
import io.emojify.trainer.eval.ModelEvaluator;
import io.emojify.trainer.export.ModelExporter;
import io.emojify.trainer.train.AveragedRun;
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

/** The trainer's command line: {@code train}, {@code evaluate} and {@code export}. */
@Command(name = "emojify-trainer", mixinStandardHelpOptions = true, version = "emojify-trainer 0.1.0",
        description = "Trains, evaluates and exports Emojify's emotion networks on FER-2013.",
        subcommands = {TrainerCommand.Train.class, TrainerCommand.Average.class, TrainerCommand.Export.class, TrainerCommand.Evaluate.class, TrainerCommand.Framing.class})
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
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        int code = new CommandLine(new TrainerCommand()).execute(args);
        System.exit(code);
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
        if (Files.isRegularFile(data)) {
            Set<String> usages = split.equals("train") ? Set.of("Training") : Set.of("PublicTest");
            return Fer2013Loader.loadCsv(data, usages, report);
        }
        Path dir = Files.isDirectory(data.resolve(split)) ? data.resolve(split) : data;
        return Fer2013Loader.loadFolder(dir, report);
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
        @Option(names = "--arch", defaultValue = "compact", description = "Architecture: compact, wide or vgg")
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
        @Option(names = "--ten-crop", negatable = true,
                description = "Train on the paper's ten 40x40 crops (default: on for vgg, off for compact)")
        Boolean tenCrop;
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
        @Option(names = "--teacher", description = "Distil from this exported model folder (an ensemble, say): the "
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

        @Override
        public Integer call() throws IOException {
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
            c.tenCrop = tenCrop != null ? tenCrop : "vgg".equals(arch);
            c.seed = seed;
            c.timeBudgetMinutes = timeBudget;
            c.limitPerClass = limitPerClass;
            c.maxBatchesPerEpoch = maxBatches;
            c.initialWeights = init == null ? null : init.toString();
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
            TrainingState state = new Trainer(c, run, new ConsoleProgress(System.err))
                    .run(train, val, trainReport.checksum, valReport.checksum);
            System.err.printf("Done: %d epochs, best validation accuracy %.4f at epoch %d, %.0f s of training%n",
                    state.epochsDone, state.bestAccuracy, state.bestEpoch, state.trainingSeconds);
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
        @Option(names = "--json", description = "Print one JSON object") boolean json;

        @Override
        public Integer call() throws IOException {
            FaceSet set = load(data, "test", new Fer2013Loader.Report());
            EmotionModel m = model == null ? EmotionModel.embedded() : EmotionModel.open(model);
            String eng = engine == null ? Engines.emotionEngine() : Engines.require(engine);
            try (DjlEmotionClassifier c = new DjlEmotionClassifier(m, eng)) {
                Metrics metrics = new ModelEvaluator(c).evaluate(set, tta);
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("model", m.card().name);
                out.put("engine", eng);
                out.put("tta", tta);
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
