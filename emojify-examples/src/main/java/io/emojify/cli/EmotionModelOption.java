package io.emojify.cli;

import io.emojify.Emojify;
import io.emojify.djl.emotion.EmotionModels;
import io.emojify.model.ModelException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --emotion-model compact|accurate}: the emotion model by name, shared by the commands that classify faces. */
final class EmotionModelOption {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    private String name;

    /**
     * @param value the name; an unknown one is a usage error (exit code 2) naming the choices
     */
    @Option(names = "--emotion-model", paramLabel = "NAME", description = "compact (default: real time, about 0.3 ms a "
            + "face) or accurate (for photos: the VGG on ten crops with the compact, about 70%% on FER-2013 PublicTest "
            + "against 68%%, at about 25 times the classifier's time)")
    void set(String value) {
        try {
            name = EmotionModels.resolve(value);
        } catch (ModelException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--emotion-model: " + e.getMessage());
        }
    }

    /** @return whether the accurate model was named */
    boolean isAccurate() {
        return io.emojify.emotion.EmotionModelName.ACCURATE.equals(name);
    }

    /**
     * Chooses the model on a builder, when one was named.
     *
     * @param builder the builder
     * @return the builder
     */
    Emojify.Builder apply(Emojify.Builder builder) {
        return name == null ? builder : builder.optEmotionModel(name);
    }
}
