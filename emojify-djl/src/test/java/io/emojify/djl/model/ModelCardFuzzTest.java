package io.emojify.djl.model;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.emojify.model.ModelException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fuzzing of model-card parsing and model-folder opening (Jazzer): whatever the card holds, the only failure allowed is
 * the library's {@link ModelException}. Seeds: {@code src/test/resources/io/emojify/djl/model/ModelCardFuzzTestInputs}.
 */
class ModelCardFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void aCardNeverFailsWithAnythingButTheLibrarysError(FuzzedDataProvider data) throws Exception {
        String json = data.consumeRemainingAsString();
        try {
            ModelCard.parse(json, "fuzz");
        } catch (ModelException expected) {
            // refused with a message
        }
        Path dir = Files.createTempDirectory("card-fuzz");
        try {
            Files.writeString(dir.resolve(ModelCard.FILE), json);
            EmotionModel m = EmotionModel.open(dir);
            m.parametersFile();
        } catch (ModelException expected) {
            // refused with a message
        } finally {
            Files.deleteIfExists(dir.resolve(ModelCard.FILE));
            Files.delete(dir);
        }
    }
}
