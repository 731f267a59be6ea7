package io.emojify.trainer.eval;

import io.emojify.djl.emotion.DjlEmotionClassifier;
import io.emojify.emotion.EmotionScores;
import io.emojify.trainer.data.Augmentation;
import io.emojify.trainer.data.FaceSet;
import java.util.List;

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
        int side = classifier.inputSize();
        Metrics m = new Metrics();
        int batch = tta ? 25 : 250;
        for (int start = 0; start < set.size(); start += batch) {
            int count = Math.min(batch, set.size() - start);
            int views = tta ? 10 : 1;
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
                m.add(mean, set.label(start + i));
            }
        }
        return m.finish();
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
