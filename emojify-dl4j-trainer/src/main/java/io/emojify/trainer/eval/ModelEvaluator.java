package io.emojify.trainer.eval;

import io.emojify.djl.emotion.DjlEmotionClassifier;
import io.emojify.djl.emotion.EnsembleEmotionClassifier;
import io.emojify.emotion.Emotion;
import io.emojify.emotion.EmotionClassifier;
import io.emojify.emotion.FaceViews;
import io.emojify.emotion.EmotionScores;
import io.emojify.trainer.data.Augmentation;
import io.emojify.trainer.data.FaceSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a model through the library's own classifier (so what is measured is what users run), on either engine, in a
 * single pass or with ten-crop test-time augmentation; and times it.
 */
public final class ModelEvaluator {

    private final DjlEmotionClassifier classifier;

    /**
     * @param classifier the classifier to evaluate
     */
    public ModelEvaluator(DjlEmotionClassifier classifier) {
        this.classifier = classifier;
    }

    /**
     * Computes the metrics over a set of face crops.
     *
     * @param set the faces
     * @param tta true for ten-crop test-time augmentation
     * @return the metrics
     */
    public Metrics evaluate(FaceSet set, boolean tta) {
        return Metrics.of(probabilities(set, tta), set);
    }

    /**
     * The classifier's probabilities for every face of a set: one pass on the whole face (with the classifier's mirror
     * averaging, if set), or the mean over the ten crops.
     *
     * @param set the faces
     * @param tta true for ten-crop test-time augmentation
     * @return one row of seven probabilities per face, in the set's order
     */
    public float[][] probabilities(FaceSet set, boolean tta) {
        int side = classifier.inputSize();
        float[][] out = new float[set.size()][];
        int batch = tta ? 25 : 250;
        int views = tta ? 10 : 1;
        for (int start = 0; start < set.size(); start += batch) {
            int count = Math.min(batch, set.size() - start);
            float[][] crops = new float[count * views][];
            for (int i = 0; i < count; i++) {
                if (tta) {
                    float[][] ten = Augmentation.tenCrops(set.pixels(start + i), side);
                    System.arraycopy(ten, 0, crops, i * views, views);
                } else {
                    crops[i] = Augmentation.whole(set.pixels(start + i), side);
                }
            }
            List<EmotionScores> scores = classifier.classifyCrops(crops);
            for (int i = 0; i < count; i++) {
                float[] mean = new float[7];
                for (int v = 0; v < views; v++) {
                    float[] p = scores.get(i * views + v).toArray();
                    for (int c = 0; c < 7; c++) {
                        mean[c] += p[c] / views;
                    }
                }
                out[start + i] = mean;
            }
        }
        return out;
    }

    /**
     * The probabilities a classifier of the library gives every face of a set, each shown the views it is built with: a
     * {@link DjlEmotionClassifier} its own (ten crops, the face and its mirror, or the face), an
     * {@link EnsembleEmotionClassifier} the mean of its members', calibrated by its temperature.
     *
     * @param classifier the classifier
     * @param set the faces
     * @return one row of seven probabilities per face, in the set's order
     * @throws IllegalArgumentException for another kind of classifier
     */
    public static float[][] probabilitiesOf(EmotionClassifier classifier, FaceSet set) {
        if (classifier instanceof DjlEmotionClassifier d) {
            return new ModelEvaluator(d).probabilities(set, d.views() == FaceViews.TEN_CROP);
        }
        if (classifier instanceof EnsembleEmotionClassifier e) {
            List<float[][]> members = new ArrayList<>();
            for (EmotionClassifier member : e.members()) {
                members.add(probabilitiesOf(member, set));
            }
            float[][] mean = mean(members);
            for (int i = 0; i < mean.length; i++) {
                mean[i] = e.calibrated(mean[i]);
            }
            return mean;
        }
        throw new IllegalArgumentException("Cannot evaluate " + classifier.name() + " on face crops");
    }

    /**
     * The mean of several classifiers' probabilities for the same faces, face by face and class by class, each
     * classifier weighing the same (the members of an ensemble).
     *
     * @param members each classifier's rows of seven probabilities, for the same faces in the same order
     * @return one row of seven mean probabilities per face
     */
    public static float[][] mean(List<float[][]> members) {
        float[][] mean = new float[members.get(0).length][Emotion.values().length];
        for (float[][] p : members) {
            for (int i = 0; i < mean.length; i++) {
                for (int c = 0; c < mean[i].length; c++) {
                    mean[i][c] += p[i][c] / members.size();
                }
            }
        }
        return mean;
    }

    /**
     * Fits the temperature that calibrates the classifier's single-pass probabilities on a set of faces
     * ({@link Calibration}). The classifier's probabilities already carry its model card's temperature; the logits are
     * recovered from them, so the temperature returned replaces the card's.
     *
     * @param set the faces (validation faces: the temperature is fitted to them)
     * @return the temperature and the calibration before (at temperature 1) and after
     */
    public Calibration.Result calibrate(FaceSet set) {
        return Calibration.fit(Calibration.logitsOf(probabilities(set, false), classifier.temperature()), set.labels());
    }

    /**
     * The calibration as it is kept in a model card.
     *
     * @param c the result
     * @return temperature, ECE before, after and held out, negative log-likelihood before and after, faces, bins
     */
    public static Map<String, Object> summary(Calibration.Result c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("temperature", round(c.temperature()));
        m.put("eceBefore", round(c.eceBefore()));
        m.put("eceAfter", round(c.eceAfter()));
        m.put("eceAfterHeldOut", round(c.eceHeldOut()));
        m.put("nllBefore", round(c.nllBefore()));
        m.put("nllAfter", round(c.nllAfter()));
        m.put("n", c.n());
        m.put("bins", Calibration.BINS);
        m.put("method", "temperature scaling fitted on these faces by minimising the negative log-likelihood; held out: "
                + "fitted on one half, measured on the other, both ways");
        return m;
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }

    /**
     * Measures the mean milliseconds per face when faces are classified one at a time (batch 1) or in batches.
     *
     * @param set faces to use
     * @param batch faces per call
     * @param calls timed calls (after as many warm-up calls)
     * @return milliseconds per face
     */
    public double millisPerFace(FaceSet set, int batch, int calls) {
        int side = classifier.inputSize();
        float[][] crops = new float[batch][];
        for (int i = 0; i < batch; i++) {
            crops[i] = Augmentation.whole(set.pixels(i % set.size()), side);
        }
        for (int i = 0; i < calls; i++) {
            classifier.classifyCrops(crops);
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            classifier.classifyCrops(crops);
        }
        return (System.nanoTime() - t0) / 1e6 / calls / batch;
    }

    /**
     * Returns the largest absolute difference in any probability between two classifiers over the first faces of a set.
     *
     * @param other the other classifier (for example the same model on the other engine)
     * @param set the faces
     * @param n how many faces to compare
     * @return the largest difference
     */
    public double maxDifference(DjlEmotionClassifier other, FaceSet set, int n) {
        int side = classifier.inputSize();
        float[][] crops = new float[Math.min(n, set.size())][];
        for (int i = 0; i < crops.length; i++) {
            crops[i] = Augmentation.whole(set.pixels(i), side);
        }
        List<EmotionScores> a = classifier.classifyCrops(crops);
        List<EmotionScores> b = other.classifyCrops(crops);
        double max = 0;
        for (int i = 0; i < crops.length; i++) {
            float[] pa = a.get(i).toArray();
            float[] pb = b.get(i).toArray();
            for (int c = 0; c < pa.length; c++) {
                max = Math.max(max, Math.abs(pa[c] - pb[c]));
            }
        }
        return max;
    }
}
