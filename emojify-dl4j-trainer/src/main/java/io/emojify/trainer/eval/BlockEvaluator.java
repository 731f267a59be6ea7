package io.emojify.trainer.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.emojify.emotion.EmotionScores;
import io.emojify.trainer.data.Augmentation;
import io.emojify.trainer.data.FaceSet;

/**
 * Runs a network block over a {@link FaceSet} in inference mode and collects {@link Metrics}, in a single pass (the whole
 * face) or over the ten 40x40 crops, averaging either their probabilities or, as the paper's evaluation does, their logits.
 */
public final class BlockEvaluator {

    /** What the network sees of each face, and how the views are combined. */
    public enum View {
        /** The whole face resized to the input side: one pass (the library's view). */
        WHOLE,
        /** The ten crops; the mean of their softmax probabilities (test-time augmentation). */
        TEN_CROP_PROBABILITIES,
        /** The ten crops; the softmax of the mean of their logits (the paper's evaluation, usef-kh/fer). */
        TEN_CROP_LOGITS;

        /**
         * Returns the view that validates a network trained on the given crops: the whole face for a network trained on
         * whole faces, the paper's ten-crop logit mean for one trained on 40x40 crops.
         *
         * @param cropsPerFace 0 (whole faces), 1 or 10
         * @return the validation view
         */
        public static View validating(int cropsPerFace) {
            return cropsPerFace == 0 ? WHOLE : TEN_CROP_LOGITS;
        }
    }

    private final Block block;
    private final NDManager manager;
    private final int side;

    /**
     * Creates an evaluator.
     *
     * @param block an initialised block
     * @param manager the manager to allocate inputs from
     * @param side the block's input side
     */
    public BlockEvaluator(Block block, NDManager manager, int side) {
        this.block = block;
        this.manager = manager;
        this.side = side;
    }

    /**
     * Evaluates the set.
     *
     * @param set the faces
     * @param view what the network sees of each face
     * @param batch the batch size (faces per forward call)
     * @return the metrics
     */
    public Metrics evaluate(FaceSet set, View view, int batch) {
        Metrics metrics = new Metrics();
        boolean tta = view != View.WHOLE;
        int views = tta ? 10 : 1;
        int px = side * side;
        ParameterStore ps = new ParameterStore(manager, false);
        for (int start = 0; start < set.size(); start += batch) {
            int count = Math.min(batch, set.size() - start);
            float[] data = new float[count * views * px];
            for (int i = 0; i < count; i++) {
                byte[] src = set.pixels(start + i);
                if (tta) {
                    float[][] crops = Augmentation.tenCrops(src, side);
                    for (int v = 0; v < views; v++) {
                        System.arraycopy(crops[v], 0, data, (i * views + v) * px, px);
                    }
                } else {
                    System.arraycopy(Augmentation.whole(src, side), 0, data, i * px, px);
                }
            }
            float[] logits = forward(ps, data, count * views);
            int classes = logits.length / (count * views);
            for (int i = 0; i < count; i++) {
                metrics.add(combine(logits, i, views, classes, view), set.label(start + i));
            }
        }
        return metrics.finish();
    }

    /**
     * Runs crops through the block in one batch, in inference mode.
     *
     * @param crops {@code side*side} values per crop
     * @return each crop's logits, in order
     */
    public float[][] logits(float[][] crops) {
        int px = side * side;
        float[] data = new float[crops.length * px];
        for (int i = 0; i < crops.length; i++) {
            System.arraycopy(crops[i], 0, data, i * px, px);
        }
        float[] logits = forward(new ParameterStore(manager, false), data, crops.length);
        int classes = logits.length / crops.length;
        float[][] rows = new float[crops.length][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = java.util.Arrays.copyOfRange(logits, i * classes, (i + 1) * classes);
        }
        return rows;
    }

    /** One forward pass over {@code n} inputs laid out one after another; the logits, input-major. */
    private float[] forward(ParameterStore ps, float[] data, int n) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = scope.create(data, new Shape(n, 1, side, side));
            return block.forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray();
        }
    }

    /**
     * Combines one face's views into its class probabilities.
     *
     * @param logits the logits of every view of every face in the batch, face-major
     * @param face the face's index in the batch
     * @param views the views per face
     * @param classes the classes
     * @param view how to combine
     * @return the probabilities
     */
    static float[] combine(float[] logits, int face, int views, int classes, View view) {
        float[] mean = new float[classes];
        for (int v = 0; v < views; v++) {
            float[] one = java.util.Arrays.copyOfRange(logits, (face * views + v) * classes,
                    (face * views + v + 1) * classes);
            if (view == View.TEN_CROP_PROBABILITIES) {
                one = EmotionScores.fromLogits(one).toArray();
            }
            for (int c = 0; c < classes; c++) {
                mean[c] += one[c] / views;
            }
        }
        return view == View.TEN_CROP_PROBABILITIES ? mean : EmotionScores.fromLogits(mean).toArray();
    }
}
