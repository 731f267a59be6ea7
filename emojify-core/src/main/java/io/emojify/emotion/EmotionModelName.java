package io.emojify.emotion;

import java.util.List;

/**
 * The names of the emotion models that the built-in backend offers, for {@code Emojify.builder().optEmotionModel(...)}
 * and the commands' {@code --emotion-model}.
 */
public final class EmotionModelName {

    /** The shipped real-time model (0.64M parameters, about 0.3 ms a face): the default. */
    public static final String COMPACT = "compact";
    /**
     * The accurate model for photos: the trainer's VGG on ten crops of each face with the compact model on the face and its
     * mirror image, probabilities averaged. Shipped in its own artifact, {@code io.emojify:emojify-model-accurate}.
     */
    public static final String ACCURATE = "accurate";

    private EmotionModelName() {}

    /** @return every name, the default first */
    public static List<String> all() {
        return List.of(COMPACT, ACCURATE);
    }
}
