package io.emojify.trainer.cli;

import io.emojify.djl.nn.EmotionNetworks;
import io.emojify.trainer.train.KeptRun;
import io.emojify.trainer.train.RunReport;
import io.emojify.trainer.train.Trainer;
import io.emojify.trainer.train.TrainingConfig;
import io.emojify.trainer.train.TrainingState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code train}: trains a network, resuming from the run folder when it holds a checkpoint. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a network on FER-2013 (resumes from --run when it holds a checkpoint).")
public final class TrainCommand implements Callable<Integer> {
    @Mixin DataOption data;
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
    @Mixin LimitOption limit;
    @Option(names = "--max-batches", defaultValue = "0", description = "Stop each epoch after N batches")
    int maxBatches;
    @Option(names = "--init", description = "Start a new run from these weights: a parameters file, a run folder "
            + "(its best weights) or a model folder")
    Path init;
    @Option(names = "--continue", paramLabel = "FILE", description = "Go on with a run that keep-half kept "
            + "(FILE.half.ndlist and FILE.state.json) in a new run folder: its settings, epochs, history, rate and "
            + "plateau continue; the momentum starts from zero; the kept weights are the run folder's best at once")
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
        UserError.require(batch >= 1, "--batch", batch, "must be 1 or more");
        UserError.require(epochs >= 1, "--epochs", epochs, "must be 1 or more");
        UserError.require(Double.isFinite(lr) && lr > 0, "--lr", lr, "must be a number above 0");
        UserError.require(Double.isFinite(momentum) && momentum >= 0 && momentum < 1, "--momentum", momentum,
                "must be 0 or more and below 1");
        UserError.require(Double.isFinite(weightDecay) && weightDecay >= 0, "--weight-decay", weightDecay,
                "must be 0 or more");
        UserError.require(Double.isFinite(plateauFactor) && plateauFactor > 0 && plateauFactor < 1, "--plateau-factor",
                plateauFactor, "must be above 0 and below 1");
        UserError.require(plateauPatience >= 0, "--plateau-patience", plateauPatience, "must be 0 or more");
        UserError.require(annealAfter >= 0, "--anneal-after", annealAfter, "must be 0 or more");
        UserError.require(schedule == null || schedule.equals(TrainingConfig.PLATEAU)
                || schedule.equals(TrainingConfig.COSINE), "--schedule", schedule,
                "unknown; use " + TrainingConfig.PLATEAU + " or " + TrainingConfig.COSINE);
        if (arch == null && continueFrom == null) {
            arch = EmotionNetworks.COMPACT;
        }
        if (arch != null) {
            checkArchitecture();
        }
        UserError.require(cropsPerFace == null || cropsPerFace == 0 || cropsPerFace == 1 || cropsPerFace == 10,
                "--crops-per-face", cropsPerFace, "must be 0 (the whole face), 1 or 10");
        UserError.require(initialisation == null || initialisation.equals(TrainingConfig.INIT_DJL)
                || initialisation.equals(TrainingConfig.INIT_PYTORCH), "--initialisation", initialisation,
                "unknown; use " + TrainingConfig.INIT_PYTORCH + " or " + TrainingConfig.INIT_DJL);
        UserError.require(Double.isFinite(timeBudget) && timeBudget >= 0, "--time-budget", timeBudget,
                "must be 0 (no limit) or more minutes");
        limit.value();
        UserError.require(maxBatches >= 0, "--max-batches", maxBatches, "must be 0 (all) or more");
        UserError.require(Double.isFinite(distillWeight) && distillWeight >= 0 && distillWeight <= 1,
                "--distill-weight", distillWeight, "must be 0 to 1");
        UserError.require(Double.isFinite(temperature) && temperature > 0, "--temperature", temperature,
                "must be a number above 0");
        UserError.requireExists(data.path(), "--data");
        UserError.requireExists(init, "--init");
        UserError.require(continueFrom == null || init == null, "--continue", continueFrom, "cannot be given with --init");
        if (continueFrom != null) {
            try {
                KeptRun.read(continueFrom);
            } catch (IOException e) {
                throw UserError.option("--continue", continueFrom, ErrorReport.describe(e));
            }
        }
        UserError.requireExists(teacher, "--teacher");
        UserError.require(!Files.exists(run) || Files.isDirectory(run), "--run", run, "exists and is not a folder");
    }

    private void checkArchitecture() {
        boolean known;
        try {
            known = EmotionNetworks.members(arch).stream()
                    .allMatch(m -> EmotionNetworks.names().contains(m.toLowerCase(Locale.ROOT)));
            if (known) {
                EmotionNetworks.inputSize(arch);
            }
        } catch (IllegalArgumentException e) {
            throw UserError.option("--arch", arch, e.getMessage());
        }
        UserError.require(known, "--arch", arch, "unknown; use " + String.join(", ", EmotionNetworks.names())
                + ", or several joined by " + EmotionNetworks.ENSEMBLE_SEPARATOR);
    }

    /** The settings asked for; a resumed or continued run keeps most of its own (see {@link Trainer}). */
    TrainingConfig config() {
        TrainingConfig c = new TrainingConfig();
        c.architecture = arch;
        c.trainData = data.path().toString();
        c.validationData = data.path().toString();
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
        c.limitPerClass = limit.value();
        c.maxBatchesPerEpoch = maxBatches;
        c.initialWeights = init == null ? null : init.toString();
        c.continuedFrom = continueFrom == null ? null : continueFrom.toString();
        c.teacher = teacher == null ? null : teacher.toString();
        c.distillationWeight = distillWeight;
        c.distillationTemperature = temperature;
        c.keepWeights = keepWeights;
        return c;
    }

    @Override
    public Integer call() throws IOException {
        validate();
        TrainingConfig c = config();
        DataOption.Splits faces = data.trainAndTest(limit.value());
        TrainingState state;
        try {
            state = new Trainer(c, run, new ConsoleProgress(System.err))
                    .run(faces.train(), faces.test(), faces.trainChecksum(), faces.testChecksum());
        } catch (IOException e) {
            throw new UserError("--run " + run + ": " + ErrorReport.describe(e), e);
        }
        System.err.println(RunReport.done(state));
        return 0;
    }
}
