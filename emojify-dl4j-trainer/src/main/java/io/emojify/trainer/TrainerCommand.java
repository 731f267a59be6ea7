package io.emojify.trainer;

import io.emojify.trainer.data.FaceSet;
import io.emojify.trainer.data.Fer2013Loader;
import io.emojify.trainer.train.Trainer;
import io.emojify.trainer.train.TrainingConfig;
import io.emojify.trainer.train.TrainingState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The trainer's command line: {@code train}, {@code evaluate} and {@code export}. */
@Command(name = "emojify-trainer", mixinStandardHelpOptions = true, version = "emojify-trainer 0.1.0",
        description = "Trains, evaluates and exports Emojify's emotion networks on FER-2013.",
        subcommands = {TrainerCommand.Train.class})
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
        @Option(names = "--arch", defaultValue = "compact", description = "Architecture: compact or vgg")
        String arch;
        @Option(names = "--epochs", defaultValue = "300") int epochs;
        @Option(names = "--batch", defaultValue = "64") int batch;
        @Option(names = "--lr", defaultValue = "0.01") double lr;
        @Option(names = "--momentum", defaultValue = "0.9") double momentum;
        @Option(names = "--weight-decay", defaultValue = "1e-4") double weightDecay;
        @Option(names = "--plateau-factor", defaultValue = "0.75") double plateauFactor;
        @Option(names = "--plateau-patience", defaultValue = "5") int plateauPatience;
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
            c.tenCrop = tenCrop != null ? tenCrop : "vgg".equals(arch);
            c.seed = seed;
            c.timeBudgetMinutes = timeBudget;
            c.limitPerClass = limitPerClass;
            c.maxBatchesPerEpoch = maxBatches;
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
}
