package io.emojify;

import io.emojify.emoji.Emoji;
import io.emojify.emotion.Emotion;
import io.emojify.emotion.EmotionScores;
import io.emojify.face.Face;
import java.util.Objects;

/**
 * One face of an annotated image: where it is, all seven emotion probabilities, the emotion chosen and its emoji.
 *
 * @param face the detected face
 * @param scores the probability of each emotion
 * @param emotion the emotion shown (the most probable one, unless a tracker smoothed the choice)
 * @param emoji the emoji drawn for it
 */
public record AnnotatedFace(Face face, EmotionScores scores, Emotion emotion, Emoji emoji) {

    /**
     * @param face the detected face
     * @param scores the probability of each emotion
     * @param emotion the emotion shown (the most probable one, unless a tracker smoothed the choice)
     * @param emoji the emoji drawn for it
     * @throws NullPointerException if a component is null
     */
    public AnnotatedFace {
        Objects.requireNonNull(face, "face");
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(emotion, "emotion");
        Objects.requireNonNull(emoji, "emoji");
    }
}
