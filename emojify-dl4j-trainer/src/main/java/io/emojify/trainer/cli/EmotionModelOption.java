package io.emojify.trainer.cli;

import io.emojify.EmojifyException;
import io.emojify.djl.emotion.EmotionModels;
import io.emojify.emotion.EmotionClassifier;
import picocli.CommandLine.Option;

/** {@code --emotion-model}: a model by name, as the library offers them (compact or accurate). */
public final class EmotionModelOption {

    @Option(names = "--emotion-model", paramLabel = "NAME",
            description = "compact (the shipped real-time model) or accurate (the VGG on ten crops with the compact, "
                    + "from emojify-model-accurate)")
    String name;

    /** @return whether a name was given */
    boolean given() {
        return name != null;
    }

    /** @return the name, checked (a user error names the choices) */
    String resolve() {
        try {
            return EmotionModels.resolve(name);
        } catch (EmojifyException e) {
            throw UserError.option("--emotion-model", name, e.getMessage());
        }
    }

    /**
     * @param engine the engine
     * @return the named model's classifier, as the library builds it
     */
    EmotionClassifier classifier(String engine) {
        try {
            return EmotionModels.classifier(resolve(), engine);
        } catch (EmojifyException e) {
            throw UserError.option("--emotion-model", name, e.getMessage());
        }
    }
}
