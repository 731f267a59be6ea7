package io.emojify.trainer.eval;

import io.emojify.emotion.Emotion;
import io.emojify.trainer.data.FaceSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Classification metrics over the seven emotions: accuracy, top-2 accuracy, per-class recall and the confusion matrix
 * ({@code confusion[true][predicted]}). Built by adding one probability vector per face.
 */
public final class Metrics {

    /** Number of faces counted. */
    public int n;
    /** Fraction whose most probable class is the true one. */
    public double accuracy;
    /** Fraction whose true class is among the two most probable. */
    public double top2;
    /** Mean cross-entropy loss (natural log). */
    public double loss;
    /** Recall of each class, by label; NaN-free: classes with no face are left out. */
    public Map<String, Double> perClassRecall = new LinkedHashMap<>();
    /** {@code confusion[true][predicted]} counts. */
    public int[][] confusion = new int[Emotion.count()][Emotion.count()];

    private transient int correct;
    private transient int correct2;
    private transient double lossSum;

    /**
     * Computes the metrics of one probability vector per face.
     *
     * @param probabilities one row per face of the set, in its order
     * @param set the faces, for their labels
     * @return the finished metrics
     */
    public static Metrics of(float[][] probabilities, FaceSet set) {
        if (probabilities.length != set.size()) {
            throw new IllegalArgumentException(probabilities.length + " rows of probabilities for " + set.size() + " faces");
        }
        Metrics m = new Metrics();
        for (int i = 0; i < probabilities.length; i++) {
            m.add(probabilities[i], set.label(i));
        }
        return m.finish();
    }

    /**
     * Counts one face.
     *
     * @param probabilities the seven class probabilities
     * @param label the true class index
     */
    public void add(float[] probabilities, int label) {
        int best = 0;
        int second = -1;
        for (int c = 1; c < probabilities.length; c++) {
            if (probabilities[c] > probabilities[best]) {
                second = best;
                best = c;
            } else if (second < 0 || probabilities[c] > probabilities[second]) {
                second = c;
            }
        }
        n++;
        confusion[label][best]++;
        if (best == label) {
            correct++;
        }
        if (best == label || second == label) {
            correct2++;
        }
        lossSum += -Math.log(Math.max(probabilities[label], 1e-12));
    }

    /**
     * Computes the summary fields from the counts.
     *
     * @return this
     */
    public Metrics finish() {
        accuracy = n == 0 ? 0 : correct / (double) n;
        top2 = n == 0 ? 0 : correct2 / (double) n;
        loss = n == 0 ? 0 : lossSum / n;
        perClassRecall.clear();
        for (Emotion e : Emotion.values()) {
            int total = 0;
            for (int p = 0; p < Emotion.count(); p++) {
                total += confusion[e.index()][p];
            }
            if (total > 0) {
                perClassRecall.put(e.label(), confusion[e.index()][e.index()] / (double) total);
            }
        }
        return this;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "n=%d accuracy=%.4f top2=%.4f loss=%.4f recall=%s", n, accuracy, top2,
                loss, perClassRecall);
    }
}
