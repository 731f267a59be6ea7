package io.emojify.trainer.export;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.ToNumberPolicy;
import com.google.gson.reflect.TypeToken;
import io.emojify.djl.Engines;
import io.emojify.djl.emotion.DjlEmotionClassifier;
import io.emojify.djl.model.EmotionModel;
import io.emojify.djl.model.ModelCard;
import io.emojify.djl.nn.EmotionNetworks;
import io.emojify.model.ModelResolver;
import io.emojify.trainer.data.FaceSet;
import io.emojify.trainer.eval.Calibration;
import io.emojify.trainer.eval.Metrics;
import io.emojify.trainer.eval.ModelEvaluator;
import io.emojify.io.AtomicFiles;
import io.emojify.trainer.train.Checkpoints;
import io.emojify.trainer.train.KeptRun;
import io.emojify.trainer.train.SoftTargets;
import io.emojify.trainer.train.ParameterFiles;
import io.emojify.trainer.train.RunFolder;
import io.emojify.trainer.train.TrainingConfig;
import io.emojify.trainer.train.TrainingState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a run's best weights (or several runs', as one ensemble) into a model folder that the library loads on either engine: the DJL parameters, the ONNX
 * export of the same network, plots, and a model card with the recipe, data checksums, every metric (single pass and
 * ten-crop, per class, confusion matrix), milliseconds per face on each engine and the engines' agreement.
 */
public final class ModelExporter {

    private static final Logger LOG = LoggerFactory.getLogger(ModelExporter.class);

    /** Checksum and description of FER-2013's Training split as the trainer reads it (the CSV rows or class folders). */
    static final String[] FER2013_TRAINING = {"50c86a1d0d9cf0a2fecb45834508b1a8fca547e71e045cdd20678e6481f16f5f",
        "FER-2013, Training split: 28,709 gray 48x48 faces in seven expression classes (Goodfellow et al., "
                + "\"Challenges in Representation Learning\", ICML 2013 workshop; distributed through Kaggle for research; "
                + "the images were gathered from the web by image search and carry no explicit licence)"};
    /** Checksum and description of FER-2013's PublicTest split. */
    static final String[] FER2013_PUBLIC_TEST = {"e968ca25fde3ed34d6732757c6def4e9dfe96193172d9b777e0f8875796edc1e",
        "FER-2013, PublicTest split: 3,589 faces from the same source, used for validation"};

    /** Names data a reader can find: FER-2013's split when the checksum is its, else the folder it was read from. */
    static String describeData(String checksum, String[] known, String folder) {
        return known[0].equals(checksum) ? known[1] : "read from " + folder + " (not a FER-2013 split this trainer knows)";
    }

    private ModelExporter() {}

    /** What to write and how to frame faces. */
    public static final class Options {
        /** The crop side as a multiple of the detector's box (see {@link ModelCard#cropScale}). */
        public double cropScale = 1.0;
        /** The crop centre's shift in box heights (see {@link ModelCard#cropShiftY}). */
        public double cropShiftY;
        /** The model name. */
        public String name = "emojify-emotion";
        /** The command that reproduces the model, for the card. */
        public String command;
        /**
         * Whether to fit the temperature that calibrates the probabilities on the validation faces (the default); without
         * it the card's temperature is 1 and the probabilities are the network's own softmax.
         */
        public boolean calibrate = true;
    }

    /**
     * Exports a run.
     *
     * @param runDir the run folder (its {@code best/} weights and newest checkpoint's state)
     * @param out the model folder to write
     * @param validation the PublicTest faces to measure on
     * @param options framing and naming
     * @return the card written
     * @throws IOException if reading or writing fails
     */
    public static ModelCard export(Path runDir, Path out, FaceSet validation, Options options) throws IOException {
        return export(List.of(runDir), out, validation, options);
    }

    /**
     * Exports one run, or several runs' best networks as one ensemble (architecture {@code "a+b"}, see
     * {@link io.emojify.djl.nn.ProbabilityAveragingBlock}): one parameters file, one ONNX graph, and a card that keeps
     * every member's recipe and training.
     *
     * @param runDirs the run folders, in member order
     * @param out the model folder to write
     * @param validation the PublicTest faces to measure on
     * @param options framing and naming
     * @return the card written
     * @throws IOException if reading or writing fails, or the members were trained on different data
     */
    public static ModelCard export(List<Path> runDirs, Path out, FaceSet validation, Options options)
            throws IOException {
        List<Network> networks = new ArrayList<>();
        for (Path runDir : runDirs) {
            networks.add(Network.ofRun(runDir));
        }
        return exportNetworks(networks, out, validation, options);
    }

    /**
     * A trained network to export: the state of its run and its weights.
     *
     * @param source the run folder or kept run it comes from, to name it in messages
     * @param state the run's state (settings, history, data checksums)
     * @param weights its parameters file (DJL's format, or half precision)
     */
    public record Network(Path source, TrainingState state, Path weights) {

        /**
         * The best weights of a run folder, with the state of its newest valid checkpoint.
         *
         * @param runDir the run folder
         * @return the network
         * @throws IOException if the folder holds no valid checkpoint or no best weights
         */
        public static Network ofRun(Path runDir) throws IOException {
            Optional<Path> checkpoint = new Checkpoints(runDir).latestValid();
            if (checkpoint.isEmpty()) {
                throw new IOException("No valid checkpoint in " + runDir + ": train first");
            }
            Path best = runDir.resolve(RunFolder.BEST).resolve(RunFolder.PARAMS);
            if (!Files.isRegularFile(best)) {
                throw new IOException("No best weights at " + best);
            }
            return new Network(runDir, Checkpoints.readState(checkpoint.get()), best);
        }

        /**
         * The weights and state that {@code keep-half} kept ({@link KeptRun}).
         *
         * @param prefix the common prefix of {@code FILE.half.ndlist} and {@code FILE.state.json}
         * @return the network
         * @throws IOException if a file is missing or the state unreadable
         */
        public static Network ofKept(Path prefix) throws IOException {
            KeptRun kept = KeptRun.read(prefix);
            return new Network(prefix, kept.state(), kept.weights());
        }
    }

    /**
     * Exports one trained network, or several as one ensemble (see {@link #export(List, Path, FaceSet, Options)}).
     *
     * @param networks the networks, in member order
     * @param out the model folder to write
     * @param validation the PublicTest faces to measure on
     * @param options framing and naming
     * @return the card written
     * @throws IOException if reading or writing fails, or the members were trained on different data
     */
    public static ModelCard exportNetworks(List<Network> networks, Path out, FaceSet validation, Options options)
            throws IOException {
        if (networks.isEmpty()) {
            throw new IllegalArgumentException("No run folder to export");
        }
        List<TrainingState> states = networks.stream().map(Network::state).toList();
        List<Path> bestParams = networks.stream().map(Network::weights).toList();
        TrainingState first = states.get(0);
        for (int i = 1; i < states.size(); i++) {
            TrainingState s = states.get(i);
            if (!first.trainDataChecksum.equals(s.trainDataChecksum)
                    || !first.validationDataChecksum.equals(s.validationDataChecksum)) {
                throw new IOException("The runs were trained on different data: " + networks.get(0).source() + " on "
                        + first.trainDataChecksum + "/" + first.validationDataChecksum + ", " + networks.get(i).source()
                        + " on " + s.trainDataChecksum + "/" + s.validationDataChecksum);
            }
        }
        String arch = states.stream().map(s -> s.config.architecture)
                .collect(Collectors.joining(EmotionNetworks.ENSEMBLE_SEPARATOR));
        int side = EmotionNetworks.inputSize(arch);
        Files.createDirectories(out);
        ModelCard.Builder card = ModelCard.builder().setName(options.name).setArchitecture(arch).setInputSize(side)
                .optFraming(options.cropScale, options.cropShiftY);
        try (Model m = Model.newInstance("export", Engines.PYTORCH)) {
            Block block = EmotionNetworks.build(arch);
            block.initialize(m.getNDManager(), DataType.FLOAT32, new Shape(1, 1, side, side));
            if (states.size() == 1) {
                ParameterFiles.load(block, m.getNDManager(), bestParams.get(0));
            } else {
                List<Block> children = block.getChildren().values();
                for (int i = 0; i < children.size(); i++) {
                    ParameterFiles.load(children.get(i), m.getNDManager(), bestParams.get(i));
                    Map<String, Object> member = new LinkedHashMap<>();
                    member.put("architecture", states.get(i).config.architecture);
                    member.put("parameterCount", trainableCount(children.get(i)));
                    member.put("recipe", recipe(states.get(i)));
                    member.put("training", training(states.get(i)));
                    card.optMember(member);
                }
            }
            card.optParameterCount(trainableCount(block));
            ParameterFiles.save(block, out.resolve(ModelCard.DEFAULT_PARAMETERS_FILE));
            OnnxExporter.export(block, side, options.name, out.resolve(ModelCard.DEFAULT_ONNX_FILE));
            for (String file : List.of(ModelCard.DEFAULT_PARAMETERS_FILE, ModelCard.DEFAULT_ONNX_FILE)) {
                card.optSha256(file, ModelResolver.sha256(out.resolve(file)));
            }
        }
        Map<String, Object> runtime = io.emojify.trainer.train.RuntimeRecord.now();
        card.optProvenance("emojify-trainer " + version() + ", exported on DJL " + runtime.get("djl")
                + ", PyTorch engine " + runtime.get("PyTorch") + ", " + runtime.getOrDefault("device", "cpu()"),
                version(), Instant.now().toString());
        card.optCommand(options.command);
        card.optData("train", describeData(first.trainDataChecksum, FER2013_TRAINING, first.config.trainData));
        card.optData("trainChecksum", first.trainDataChecksum);
        card.optData("validation", describeData(first.validationDataChecksum, FER2013_PUBLIC_TEST,
                first.config.validationData));
        card.optData("validationChecksum", first.validationDataChecksum);
        if (states.size() == 1) {
            recipe(first).forEach(card::optRecipe);
            training(first).forEach(card::optTraining);
        } else {
            card.optRecipe("ensemble", "the mean of the members' softmax probabilities (the output is its logarithm);"
                    + " each member's recipe is under members");
            card.optTraining("trainingSeconds", states.stream().mapToLong(s -> Math.round(s.trainingSeconds)).sum());
            card.optTraining("members", states.size());
        }
        if (states.size() == 1 && first.runtime != null) {
            card.optTraining("runtime", first.runtime); // what the last training session ran on, read then
        }
        AtomicFiles.writeString(out.resolve(ModelCard.FILE), AtomicFiles.Existing.REPLACE, card.build().toJson());

        EmotionModel model = EmotionModel.open(out);
        Map<String, Object> metrics = new LinkedHashMap<>();
        try (DjlEmotionClassifier pt = new DjlEmotionClassifier(model, Engines.PYTORCH);
                DjlEmotionClassifier ort = new DjlEmotionClassifier(model, Engines.ONNX_RUNTIME)) {
            ModelEvaluator onPt = new ModelEvaluator(pt);
            ModelEvaluator onOrt = new ModelEvaluator(ort);
            Metrics single = onOrt.evaluate(validation, false);
            Metrics tta = onOrt.evaluate(validation, true);
            metrics.put("publicTest", summary(single));
            metrics.put("publicTestTenCrop", summary(tta));
            if (options.calibrate) {
                Calibration.Result calibration = onOrt.calibrate(validation);
                card.optTemperature(calibration.temperature());
                metrics.put("publicTestCalibration", ModelEvaluator.summary(calibration));
            }
            metrics.put("enginesMaxProbabilityDifference", onPt.maxDifference(ort, validation, 500));
            metrics.put("msPerFaceBatch1.PyTorch", onPt.millisPerFace(validation, 1, 300));
            metrics.put("msPerFaceBatch1.OnnxRuntime", onOrt.millisPerFace(validation, 1, 300));
            metrics.put("msPerFaceBatch8.OnnxRuntime", onOrt.millisPerFace(validation, 8, 100));
            metrics.put("timing", "mean over 300 calls after 300 warm-up calls, on " + runtime);
            Plots.confusion(single.confusion, String.format(java.util.Locale.ROOT,
                    "%s on PublicTest: accuracy %.2f%% (n=%d)", options.name, single.accuracy * 100, single.n),
                    out.resolve("confusion.png"));
        }
        metrics.forEach(card::optMetric);
        if (states.size() == 1) {
            Plots.curves(first.history, out.resolve("training-curves.png"));
        } else {
            for (int i = 0; i < states.size(); i++) {
                Plots.curves(states.get(i).history, out.resolve(
                        "training-curves-" + (i + 1) + "-" + states.get(i).config.architecture + ".png"));
            }
        }
        ModelCard built = card.build();
        AtomicFiles.writeString(out.resolve(ModelCard.FILE), AtomicFiles.Existing.REPLACE, built.toJson());
        LOG.info("Exported {} to {}: {}", arch, out, metrics);
        return built;
    }

    private static Map<String, Object> recipe(TrainingState state) {
        Gson gson = new GsonBuilder().setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE).create();
        return gson.fromJson(gson.toJson(state.config), new TypeToken<Map<String, Object>>() {}.getType());
    }

    private static Map<String, Object> training(TrainingState state) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("epochs", state.epochsDone);
        t.put("bestEpoch", state.bestEpoch);
        t.put("bestValidationAccuracyDuringTraining", state.bestAccuracy);
        t.put("trainingSeconds", Math.round(state.trainingSeconds));
        t.put("finalLearningRate", state.learningRate);
        t.put("schedule", describeSchedule(state));
        if (state.config.averagedRun != null) {
            t.put("weightAveraging", String.format(java.util.Locale.ROOT, "the mean of the weights after epochs %d-%d "
                    + "of %s (stochastic weight averaging), batch-norm statistics measured again over one augmented "
                    + "pass of the training set; PublicTest accuracy of the mean %.4f",
                    state.config.averagedFromEpoch, state.config.averagedToEpoch, state.config.averagedRun,
                    state.bestAccuracy));
        }
        if (state.config.teacher != null) {
            t.put("teacher", teacher(state.config));
        }
        return t;
    }

    /**
     * What the card says of a distilled run's teacher: from the teacher's own card (a model folder) or from the provenance
     * its soft-targets file carries, so the lineage travels along.
     */
    private static Map<String, Object> teacher(TrainingConfig config) {
        Map<String, Object> t = new LinkedHashMap<>();
        Path path = Path.of(config.teacher);
        if (SoftTargets.isSoftTargets(path)) {
            t.put("softTargets", config.teacher);
            t.put("softTargetsChecksum", config.teacherChecksum);
            try {
                SoftTargets targets = SoftTargets.read(path);
                t.put("architecture", targets.teachers().stream().map(m -> String.valueOf(m.get("architecture")))
                        .collect(java.util.stream.Collectors.joining("+")));
                t.put("publicTestAccuracy", targets.publicTest().get("accuracy"));
                t.put("members", targets.teachers());
                t.put("command", targets.command());
            } catch (IOException e) {
                t.put("card", "not readable when exported: " + e.getMessage());
            }
            return t;
        }
        t.put("folder", config.teacher);
        t.put("parametersChecksum", config.teacherChecksum);
        try {
            ModelCard card = EmotionModel.open(path).card();
            t.put("name", card.name());
            t.put("architecture", card.architecture());
            t.put("parameterCount", card.parameterCount());
            Object publicTest = card.metrics().get("publicTest");
            if (publicTest instanceof Map) {
                t.put("publicTestAccuracy", ((Map<?, ?>) publicTest).get("accuracy"));
            }
            t.put("command", card.command());
        } catch (RuntimeException e) {
            t.put("card", "not readable when exported: " + e.getMessage());
        }
        return t;
    }

    private static long trainableCount(Block block) {
        long count = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                count += p.getValue().getArray().size();
            }
        }
        return count;
    }

    /**
     * Says in words which learning-rate schedule ran over which epochs (a run can switch from plateau to cosine), for the
     * model card.
     *
     * @param state a run's state
     * @return the description
     */
    public static String describeSchedule(TrainingState state) {
        String plateau = String.format(java.util.Locale.ROOT, "ReduceLROnPlateau (factor %s, patience %d) from lr %s",
                state.config.plateauFactor, state.config.plateauPatience, state.config.learningRate);
        if (state.cosineAfterEpoch < 0) {
            return plateau;
        }
        String cosine = String.format(java.util.Locale.ROOT, "cosine annealing from lr %s to 0 at epoch %d",
                state.cosineStartRate, state.config.epochs);
        return state.cosineAfterEpoch == 0 ? cosine
                : plateau + " for epochs 1-" + state.cosineAfterEpoch + ", then " + cosine;
    }

    static Map<String, Object> summary(Metrics m) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("n", m.n);
        s.put("accuracy", m.accuracy);
        s.put("top2", m.top2);
        s.put("perClassRecall", m.perClassRecall);
        s.put("confusion", m.confusion);
        return s;
    }

    private static String version() {
        String v = ModelExporter.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }
}
