package io.emojify.trainer.export;

import io.emojify.djl.emotion.DjlEmotionClassifier;
import io.emojify.djl.model.EmotionModel;
import io.emojify.djl.model.ModelCard;
import io.emojify.trainer.data.FaceSet;
import io.emojify.trainer.eval.Metrics;
import io.emojify.trainer.eval.ModelEvaluator;
import io.emojify.trainer.train.Checkpoints;
import io.emojify.trainer.train.SoftTargets;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes the {@link SoftTargets} of one or more exported models for the training faces: each model sees every face as
 * it is validated (a network whose input is smaller than the 48x48 face, trained on crops, sees the ten crops with their
 * probabilities averaged; one that takes the whole face sees it and its mirror image), and the models' probabilities are
 * averaged (an ensemble). The same views are measured on the validation faces, for each model and for the ensemble, so
 * the file says how good a teacher it holds.
 */
public final class TeacherOutputs {

    private static final Logger LOG = LoggerFactory.getLogger(TeacherOutputs.class);

    private TeacherOutputs() {}

    /**
     * Computes the soft targets.
     *
     * @param models exported model folders, one or more
     * @param engine the inference engine to run them on
     * @param train the training faces (the order of the targets)
     * @param validation the validation faces (PublicTest), measured with the same views
     * @param command the command, for the file's provenance
     * @return the soft targets
     * @throws IOException if a model folder cannot be read
     */
    public static SoftTargets compute(List<Path> models, String engine, FaceSet train, FaceSet validation,
            String command) throws IOException {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("no teacher model given");
        }
        float[][] trainSum = new float[train.size()][7];
        float[][] validationSum = new float[validation.size()][7];
        List<Map<String, Object>> teachers = new ArrayList<>();
        for (Path folder : models) {
            long t0 = System.nanoTime();
            EmotionModel model = EmotionModel.open(folder);
            Map<String, Object> teacher = describe(folder, model);
            boolean tta = tenCrops(model);
            try (DjlEmotionClassifier classifier = DjlEmotionClassifier.builder().optModel(model).optEngine(engine)
                    .optMirrorAveraging(!tta).build()) {
                ModelEvaluator evaluator = new ModelEvaluator(classifier);
                float[][] v = evaluator.probabilities(validation, tta);
                teacher.put("publicTestAccuracy", round(Metrics.of(v, validation).accuracy));
                add(validationSum, v);
                add(trainSum, evaluator.probabilities(train, tta));
            }
            LOG.info("Teacher {} done: PublicTest {} ({} s)", folder, teacher.get("publicTestAccuracy"),
                    Math.round((System.nanoTime() - t0) / 1e9));
            teachers.add(teacher);
        }
        scale(trainSum, models.size());
        scale(validationSum, models.size());
        Metrics ensemble = Metrics.of(validationSum, validation);
        Map<String, Object> publicTest = new LinkedHashMap<>();
        publicTest.put("accuracy", round(ensemble.accuracy));
        publicTest.put("top2", round(ensemble.top2));
        publicTest.put("faces", ensemble.n);
        publicTest.put("views", "each teacher's views as listed; the teachers' probabilities averaged");
        return SoftTargets.of(trainSum, train, teachers, publicTest, command);
    }

    /**
     * @param model a model
     * @return true if the model is shown ten crops of a face (its input is smaller than the face), false if the face and
     *     its mirror image
     */
    static boolean tenCrops(EmotionModel model) {
        return model.card().inputSize() < FaceSet.SIDE;
    }

    private static Map<String, Object> describe(Path folder, EmotionModel model) throws IOException {
        ModelCard card = model.card();
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("folder", folder.toString());
        t.put("name", card.name());
        t.put("architecture", card.architecture());
        t.put("parametersChecksum", Checkpoints.sha256(model.parametersFile()));
        t.put("parameterCount", card.parameterCount());
        t.put("command", card.command());
        t.put("views", tenCrops(model) ? "ten crops of 40x40, probabilities averaged"
                : "the whole face and its mirror image, probabilities averaged");
        return t;
    }

    private static void add(float[][] sum, float[][] p) {
        for (int i = 0; i < sum.length; i++) {
            for (int c = 0; c < sum[i].length; c++) {
                sum[i][c] += p[i][c];
            }
        }
    }

    private static void scale(float[][] sum, int n) {
        for (float[] row : sum) {
            for (int c = 0; c < row.length; c++) {
                row[c] /= n;
            }
        }
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
