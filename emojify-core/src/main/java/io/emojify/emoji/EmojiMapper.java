package io.emojify.emoji;

import io.emojify.emotion.Emotion;
import io.emojify.emotion.EmotionScores;
import java.util.Optional;

/**
 * Chooses the emoji for a face's emotion. Implementations must be thread-safe and must return an emoji for every emotion.
 * A user's mapper can be checked with {@code EmojiMapperContract} from {@code emojify-core}'s test-jar.
 */
public interface EmojiMapper {

    /**
     * Chooses the emoji.
     *
     * @param emotion the emotion the face shows (usually {@code scores.top()}, or a smoothed choice)
     * @param scores all seven probabilities, for mappers that grade the emoji by confidence
     * @return the emoji, never null
     */
    Emoji map(Emotion emotion, EmotionScores scores);

    /**
     * Returns the credit that must be shown with this set's art, if its licence asks for one (for example CC-BY).
     *
     * @return the credit line
     */
    default Optional<String> attribution() {
        return Optional.empty();
    }
}
