package io.emojify.emotion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EmotionScoresTest {

    @Test
    void emotionsFollowFer2013IndexOrder() {
        assertEquals(java.util.List.of("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"),
                Emotion.labels());
        assertEquals(Emotion.HAPPY, Emotion.fromIndex(3));
        assertEquals(Emotion.SURPRISE, Emotion.fromLabel("Surprise"));
        assertThrows(IllegalArgumentException.class, () -> Emotion.fromIndex(7));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Emotion.fromLabel("bored"));
        assertTrue(e.getMessage().contains("bored"));
    }

    @Test
    void softmaxIsStableAndPicksTheLargestLogit() {
        EmotionScores s = EmotionScores.fromLogits(1000, 0, 0, 1001, 0, 0, 0);
        assertEquals(Emotion.HAPPY, s.top());
        double sum = 0;
        for (float p : s.toArray()) {
            sum += p;
        }
        assertEquals(1.0, sum, 1e-5);
        assertEquals(0.731, s.probability(Emotion.HAPPY), 1e-3);
    }

    @Test
    void invalidProbabilitiesPrintTheValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EmotionScores.of(0.5f, 0.5f, 0.5f, 0, 0, 0, 0));
        assertTrue(e.getMessage().contains("1.5") && e.getMessage().contains("0.5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EmotionScores.of(1f, 0f));
        assertThrows(IllegalArgumentException.class, () -> EmotionScores.fromLogits(Float.NaN, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void scoresAreImmutable() {
        float[] p = {0.1f, 0.1f, 0.1f, 0.4f, 0.1f, 0.1f, 0.1f};
        EmotionScores s = EmotionScores.of(p);
        p[3] = 0;
        s.toArray()[3] = 0;
        assertEquals(0.4f, s.probability(Emotion.HAPPY));
    }
}
