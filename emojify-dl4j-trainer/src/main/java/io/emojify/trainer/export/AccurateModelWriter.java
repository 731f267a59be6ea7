package io.emojify.trainer.export;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.emojify.djl.Engines;
import io.emojify.djl.emotion.DjlEmotionClassifier;
import io.emojify.djl.emotion.EmotionModels;
import io.emojify.djl.model.EmotionModel;
import io.emojify.djl.model.ModelCard;
import io.emojify.djl.nn.EmotionNetworks;
import io.emojify.djl.nn.HalfPrecisionParameters;
import io.emojify.emotion.FaceViews;
import io.emojify.model.ModelResolver;
import io.emojify.trainer.data.FaceSet;
import io.emojify.trainer.eval.Calibration;
import io.emojify.trainer.eval.Metrics;
import io.emojify.trainer.eval.ModelEvaluator;
import io.emojify.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the accurate model's folder (what the {@code emojify-model-accurate} artifact ships under
 * {@value EmotionModels#ACCURATE_RESOURCE}): the exported VGG as a member whose weights stay in the kept half-precision
 * file (an ONNX graph that reads them as external data, and a card naming that file), and the ensemble card
 * ({@value EmotionModels#ENSEMBLE_FILE}): the VGG on ten crops with the shipped compact model on the face and its mirror
 * image, probabilities averaged, with its PublicTest metrics, calibration and how it was made.
 */
public final class AccurateModelWriter {

    private static final Logger LOG = LoggerFactory.getLogger(AccurateModelWriter.class);
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
    /** The member folder of the VGG. */
    public static final String VGG_MEMBER = "vgg";

    private AccurateModelWriter() {}

    /**
     * Writes the folder.
     *
     * @param vggExport the VGG as {@code export} wrote it from the kept run (its card: provenance, metrics, temperature)
     * @param halfPrecision the kept half-precision weights of the same run ({@code keep-half}'s {@code FILE.half.ndlist})
     * @param validation the PublicTest faces
     * @param out the folder to write ({@value EmotionModels#ENSEMBLE_FILE} and {@code vgg/}); the weights file is not
     *     copied there: the artifact's build takes it from where it is kept
     * @param command the command line, for the card
     * @return the ensemble card as written
     * @throws IOException if reading or writing fails
     */
    public static Map<String, Object> write(Path vggExport, Path halfPrecision, FaceSet validation, Path out,
            String command) throws IOException {
        ModelCard exported = EmotionModel.open(vggExport).card();
        if (!EmotionNetworks.VGG.equals(exported.architecture())) {
            throw new IOException(vggExport + " holds a " + exported.architecture() + " model, not a vgg");
        }
        Path member = out.resolve(VGG_MEMBER);
        Files.createDirectories(member);
        String onnxName = "emotion.onnx";
        try (Model m = Engines.newModel("vgg", Engines.PYTORCH)) {
            Block block = EmotionNetworks.build(EmotionNetworks.VGG);
            block.initialize(m.getNDManager(), DataType.FLOAT32,
                    new Shape(1, 1, exported.inputSize(), exported.inputSize()));
            HalfPrecisionParameters.load(block, m.getNDManager(), halfPrecision);
            OnnxExporter.exportWithHalfPrecisionWeights(block, exported.inputSize(), exported.name(), halfPrecision,
                    member.resolve(onnxName));
        }
        JsonObject card = JsonParser.parseString(exported.toJson()).getAsJsonObject();
        card.addProperty("parametersFile", halfPrecision.getFileName().toString());
        card.addProperty("onnxFile", onnxName);
        JsonObject sums = new JsonObject();
        sums.addProperty(halfPrecision.getFileName().toString(), ModelResolver.sha256(halfPrecision));
        sums.addProperty(onnxName, ModelResolver.sha256(member.resolve(onnxName)));
        card.add("sha256", sums);
        card.addProperty("weights", "half precision (IEEE 754 binary16), DJL's NDList encoding, one array per parameter; "
                + "the ONNX graph reads the same file's arrays as external data");
        AtomicFiles.writeString(member.resolve(ModelCard.FILE), AtomicFiles.Existing.REPLACE, GSON.toJson(card));

        // Measure the ensemble as the library runs it, from a staging folder that holds the weights too.
        Path staging = Files.createTempDirectory("emojify-accurate");
        try {
            Files.copy(member.resolve(ModelCard.FILE), staging.resolve(ModelCard.FILE));
            Files.copy(member.resolve(onnxName), staging.resolve(onnxName));
            Files.copy(halfPrecision, staging.resolve(halfPrecision.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            Map<String, Object> ensemble = measure(EmotionModel.open(staging), validation);
            ensemble.put("createdAt", Instant.now().toString());
            ensemble.put("command", command);
            AtomicFiles.writeString(out.resolve(EmotionModels.ENSEMBLE_FILE), AtomicFiles.Existing.REPLACE, GSON.toJson(ensemble));
            return ensemble;
        } finally {
            try (var files = Files.list(staging)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(staging);
        }
    }

    private static Map<String, Object> measure(EmotionModel vgg, FaceSet validation) {
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("formatVersion", 1);
        card.put("name", "emojify-emotion-accurate");
        card.put("description", "The trainer's VGG (the paper's network at reduced scale, 29.9M parameters) shown ten "
                + "40x40 crops of each 48x48 face, and the shipped compact model shown the face and its mirror image; "
                + "their calibrated probabilities averaged");
        List<Map<String, String>> members = new ArrayList<>();
        members.add(Map.of("model", VGG_MEMBER, "views", FaceViews.TEN_CROP.label()));
        members.add(Map.of("model", "compact", "views", FaceViews.MIRROR.label()));
        card.put("members", members);
        float[][] vggP;
        float[][] compactP;
        Map<String, Object> engines = new LinkedHashMap<>();
        try (DjlEmotionClassifier ort = DjlEmotionClassifier.builder().optModel(vgg).optEngine(Engines.ONNX_RUNTIME)
                        .optViews(FaceViews.TEN_CROP).build();
                DjlEmotionClassifier pt = DjlEmotionClassifier.builder().optModel(vgg).optEngine(Engines.PYTORCH)
                        .optViews(FaceViews.TEN_CROP).build();
                DjlEmotionClassifier compact = DjlEmotionClassifier.builder().optModel(EmotionModel.embedded())
                        .optEngine(Engines.ONNX_RUNTIME).optViews(FaceViews.MIRROR).build()) {
            ModelEvaluator onOrt = new ModelEvaluator(ort);
            vggP = onOrt.probabilities(validation, true);
            compactP = new ModelEvaluator(compact).probabilities(validation, false);
            engines.put("vggMaxProbabilityDifferencePyTorchOnnxRuntime", onOrt.maxDifference(pt, validation, 200));
            engines.put("vggMsPerCropBatch10.OnnxRuntime", onOrt.millisPerFace(validation, 10, 30));
            engines.put("vggMsPerCropBatch10.PyTorch", new ModelEvaluator(pt).millisPerFace(validation, 10, 30));
        }
        float[][] mean = ModelEvaluator.mean(List.of(vggP, compactP));
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("publicTest", ModelExporter.summary(Metrics.of(mean, validation)));
        metrics.put("publicTestVggTenCrop", ModelExporter.summary(Metrics.of(vggP, validation)));
        metrics.put("publicTestCompactMirror", ModelExporter.summary(Metrics.of(compactP, validation)));
        Calibration.Result calibration = Calibration.fit(Calibration.logitsOf(mean, 1), validation.labels());
        metrics.put("publicTestCalibration", ModelEvaluator.summary(calibration));
        metrics.putAll(engines);
        card.put("temperature", Math.round(calibration.temperature() * 1e4) / 1e4);
        card.put("metrics", metrics);
        LOG.info("Accurate model: PublicTest {} (VGG ten crops {}, compact mirror {})",
                ((Map<?, ?>) metrics.get("publicTest")).get("accuracy"),
                ((Map<?, ?>) metrics.get("publicTestVggTenCrop")).get("accuracy"),
                ((Map<?, ?>) metrics.get("publicTestCompactMirror")).get("accuracy"));
        return card;
    }
}
