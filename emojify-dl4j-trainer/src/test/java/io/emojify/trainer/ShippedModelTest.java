package io.emojify.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emojify.djl.Engines;
import io.emojify.djl.emotion.DjlEmotionClassifier;
import io.emojify.djl.model.EmotionModel;
import io.emojify.testing.SharedData;
import io.emojify.trainer.data.FaceSet;
import io.emojify.trainer.data.Fer2013Loader;
import io.emojify.trainer.eval.Metrics;
import io.emojify.trainer.eval.ModelEvaluator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model shipped in emojify-djl still reaches, on the whole PublicTest split, what its model card says (less 1 point),
 * and {@code reproduce-shipped-model.sh} ends with the training step that its card records.
 */
class ShippedModelTest {

    private static final Logger LOG = LoggerFactory.getLogger(ShippedModelTest.class);

    @Test
    void publicTestAccuracyMatchesTheModelCard() throws Exception {
        FaceSet test = Fer2013Loader.loadFolder(SharedData.require("data/fer2013/test"), null);
        EmotionModel model = EmotionModel.embedded();
        @SuppressWarnings("unchecked")
        double claimed = ((Number) ((Map<String, Object>) model.card().metrics().get("publicTest")).get("accuracy"))
                .doubleValue();
        try (DjlEmotionClassifier c = new DjlEmotionClassifier(model, Engines.ONNX_RUNTIME)) {
            Metrics m = new ModelEvaluator(c).evaluate(test, false);
            LOG.info("Shipped model on PublicTest: {} (card says {})", m, claimed);
            assertTrue(m.n >= 3500, "evaluated " + m.n + " faces");
            assertTrue(m.accuracy >= claimed - 0.01, "accuracy " + m.accuracy + " is below the card's " + claimed
                    + " minus one point");
        }
    }

    /**
     * The script's last {@code train} (the arguments of its last {@code set --}) asks for the recipe that the shipped card
     * records: a script left behind by a new model, or a card by a new script, fails here.
     */
    @Test
    void theReproductionScriptEndsWithTheTrainingStepThatTheCardRecords() throws Exception {
        String script = Files.readString(Path.of("reproduce-shipped-model.sh"));
        Matcher sets = Pattern.compile("(?m)^set -- ((?:.*\\\\\n)*.*)$").matcher(script);
        String last = null;
        while (sets.find()) {
            last = sets.group(1).replace("\\\n", " ").replaceAll("\\s+", " ");
        }
        assertTrue(last != null, "reproduce-shipped-model.sh has no 'set --' line holding its last training step");
        Map<String, String> options = new HashMap<>();
        Matcher option = Pattern.compile("--([a-z-]+) (\"[^\"]*\"|\\S+)").matcher(last);
        while (option.find()) {
            options.put(option.group(1), option.group(2).replace("\"", ""));
        }
        Map<String, Object> recipe = EmotionModel.embedded().card().recipe();
        assertEquals(recipe.get("architecture"), options.get("arch"), "--arch in " + last);
        Map<String, String> flagOfRecipeKey = Map.of("epochs", "epochs", "seed", "seed", "learningRate", "lr",
                "distillationWeight", "distill-weight", "distillationTemperature", "temperature");
        for (Map.Entry<String, String> e : flagOfRecipeKey.entrySet()) {
            String key = e.getKey();
            String flag = e.getValue();
            assertTrue(options.containsKey(flag), "--" + flag + " missing from the script's last step: " + last);
            assertEquals(((Number) recipe.get(key)).doubleValue(), Double.parseDouble(options.get(flag)), 1e-12,
                    "card recipe " + key + " against --" + flag + " in " + last);
        }
        assertEquals(recipe.get("schedule"), options.get("schedule"), "--schedule in " + last);
        Path teacher = Path.of(String.valueOf(recipe.get("teacher"))).getFileName();
        assertEquals(teacher, Path.of(options.get("teacher")).getFileName(),
                "the card's teacher against --teacher in " + last);
    }
}
