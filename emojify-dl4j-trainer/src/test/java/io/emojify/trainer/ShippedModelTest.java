package io.emojify.trainer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emojify.djl.Engines;
import io.emojify.djl.emotion.DjlEmotionClassifier;
import io.emojify.djl.model.EmotionModel;
import io.emojify.testing.SharedData;
import io.emojify.trainer.data.FaceSet;
import io.emojify.trainer.data.Fer2013Loader;
import io.emojify.trainer.eval.Metrics;
import io.emojify.trainer.eval.ModelEvaluator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The model shipped in emojify-djl still reaches, on the whole PublicTest split, what its model card says (less 1 point). */
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
}
