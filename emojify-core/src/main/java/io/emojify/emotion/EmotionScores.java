package io.emojify.emotion;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The probability of each of the seven emotions for one face. Immutable.
 */
public final class EmotionScores {

    private static final double SUM_TOLERANCE = 1e-3;

    private final float[] probabilities;

    private EmotionScores(float[] probabilities) {
        this.probabilities = probabilities;
    }

    /**
     * Creates scores from probabilities in FER-2013 class order.
     *
     * @param probabilities seven values in 0..1 that sum to 1 (within 1e-3)
     * @return the scores
     * @throws IllegalArgumentException if there are not seven values, one is outside 0..1 or not finite, or they do not
     *     sum to 1; the message prints the values
     */
    public static EmotionScores of(float... probabilities) {
        if (probabilities == null || probabilities.length != Emotion.count()) {
            throw new IllegalArgumentException("Expected " + Emotion.count() + " probabilities, got "
                    + (probabilities == null ? "null" : probabilities.length + ": " + Arrays.toString(probabilities)));
        }
        double sum = 0;
        for (float p : probabilities) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("Probabilities must be in 0..1: " + Arrays.toString(probabilities));
            }
            sum += p;
        }
        if (Math.abs(sum - 1) > SUM_TOLERANCE) {
            throw new IllegalArgumentException(
                    "Probabilities must sum to 1, sum to " + sum + ": " + Arrays.toString(probabilities));
        }
        return new EmotionScores(probabilities.clone());
    }

    /**
     * Creates scores from raw model outputs (logits) with a numerically stable softmax.
     *
     * @param logits seven finite values in FER-2013 class order
     * @return the scores
     * @throws IllegalArgumentException if there are not seven finite values
     */
    public static EmotionScores fromLogits(float... logits) {
        if (logits == null || logits.length != Emotion.count()) {
            throw new IllegalArgumentException("Expected " + Emotion.count() + " logits, got "
                    + (logits == null ? "null" : Arrays.toString(logits)));
        }
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("Logits must be finite: " + Arrays.toString(logits));
            }
            max = Math.max(max, v);
        }
        double[] e = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            e[i] = Math.exp(logits[i] - max);
            sum += e[i];
        }
        float[] p = new float[logits.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (e[i] / sum);
        }
        return new EmotionScores(p);
    }

    /**
     * Returns one emotion's probability.
     *
     * @param emotion the emotion
     * @return 0 to 1
     */
    public float probability(Emotion emotion) {
        return probabilities[emotion.index()];
    }

    /**
     * Returns the most probable emotion (the lowest index on a tie).
     *
     * @return the emotion
     */
    public Emotion top() {
        int best = 0;
        for (int i = 1; i < probabilities.length; i++) {
            if (probabilities[i] > probabilities[best]) {
                best = i;
            }
        }
        return Emotion.fromIndex(best);
    }

    /** @return the probability of the most probable emotion */
    public float confidence() {
        return probability(top());
    }

    /** @return a copy of the probabilities in FER-2013 class order */
    public float[] toArray() {
        return probabilities.clone();
    }

    /** @return the probabilities by emotion, in class order */
    public Map<Emotion, Float> asMap() {
        Map<Emotion, Float> m = new EnumMap<>(Emotion.class);
        for (Emotion e : Emotion.values()) {
            m.put(e, probabilities[e.index()]);
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EmotionScores s && Arrays.equals(probabilities, s.probabilities);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(probabilities);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("EmotionScores[");
        for (Emotion e : Emotion.values()) {
            sb.append(e.label()).append('=').append(String.format(Locale.ROOT, "%.3f", probabilities[e.index()]));
            sb.append(e.index() < Emotion.count() - 1 ? ", " : "]");
        }
        return sb.toString();
    }
}
