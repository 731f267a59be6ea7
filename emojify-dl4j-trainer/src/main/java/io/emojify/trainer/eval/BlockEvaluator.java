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
 * face) or with ten-crop test-time augmentation (the mean of the ten crops' probabilities).
 */
public final class BlockEvaluator {

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
     * @param tta true for ten-crop test-time augmentation
     * @param batch the batch size (faces per forward call)
     * @return the metrics
     */
    public Metrics evaluate(FaceSet set, boolean tta, int batch) {
        Metrics metrics = new Metrics();
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
            float[] logits;
            try (NDManager scope = manager.newSubManager()) {
                NDArray x = scope.create(data, new Shape((long) count * views, 1, side, side));
                NDList out = block.forward(ps, new NDList(x), false);
                logits = out.singletonOrThrow().toFloatArray();
            }
            int classes = logits.length / (count * views);
            for (int i = 0; i < count; i++) {
                float[] mean = new float[classes];
                for (int v = 0; v < views; v++) {
                    float[] one = EmotionScores.fromLogits(java.util.Arrays.copyOfRange(logits,
                            (i * views + v) * classes, (i * views + v + 1) * classes)).toArray();
                    for (int c = 0; c < classes; c++) {
                        mean[c] += one[c] / views;
                    }
                }
                metrics.add(mean, set.label(start + i));
            }
        }
        return metrics.finish();
    }
}
