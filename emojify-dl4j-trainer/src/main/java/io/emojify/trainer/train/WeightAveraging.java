package io.emojify.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Stochastic weight averaging (Izmailov et al. 2018, "Averaging Weights Leads to Wider Optima and Better Generalization"):
 * the mean of the weights a run passed through at the end of several epochs, at a constant learning rate, is one network
 * that usually generalises better than any of them. The batch-norm statistics of an averaged network are not the mean of
 * the members' statistics, so {@link #recalibrateBatchNorm} measures them again on training data.
 */
public final class WeightAveraging {

    private WeightAveraging() {}

    /**
     * Loads the mean of several weight files of one architecture into a block. Trainable parameters are averaged; the
     * batch-norm running statistics are averaged too, as a starting point, and should be recalibrated.
     *
     * @param block an initialised block of the architecture the files were saved from
     * @param manager the manager that owns the block's parameters
     * @param weightFiles the files, at least one
     * @throws IOException if a file is missing or does not hold weights of this block's architecture
     */
    public static void average(Block block, NDManager manager, List<Path> weightFiles) throws IOException {
        if (weightFiles.isEmpty()) {
            throw new IllegalArgumentException("No weight files to average");
        }
        for (Path f : weightFiles) {
            if (!Files.isRegularFile(f)) {
                throw new IOException("No weight file at " + f);
            }
        }
        double[][] sums = null;
        for (Path f : weightFiles) {
            ParameterFiles.load(block, manager, f);
            PairList<String, Parameter> read = block.getParameters();
            if (sums == null) {
                sums = new double[read.size()][];
            }
            for (int i = 0; i < read.size(); i++) {
                float[] values = read.get(i).getValue().getArray().toFloatArray();
                if (sums[i] == null) {
                    sums[i] = new double[values.length];
                }
                for (int k = 0; k < values.length; k++) {
                    sums[i][k] += values[k];
                }
            }
        }
        PairList<String, Parameter> target = block.getParameters();
        for (int i = 0; i < sums.length; i++) {
            float[] mean = new float[sums[i].length];
            for (int k = 0; k < mean.length; k++) {
                mean[k] = (float) (sums[i][k] / weightFiles.size());
            }
            target.get(i).getValue().getArray().set(mean);
        }
    }

    /**
     * Measures a block's batch-norm statistics again: the running mean and variance of every batch-norm layer become the
     * mean over the given batches of each batch's own statistics (PyTorch's {@code momentum=None}), whatever the layers'
     * momentum. Each batch runs through the block in training mode without gradients. The momentum is found from the
     * first batch (run twice, from running statistics of 0 and of 1), so that no layer's settings need to be known.
     *
     * @param block an initialised block whose batch-norm layers update their running statistics in training mode
     * @param manager the manager that owns the block's parameters
     * @param sampleShape the shape of one input sample, such as (1, 48, 48)
     * @param batches the input batches, each the samples' values one after the other (for example one augmented pass
     *     over the training set)
     * @return the number of batches used
     * @throws IllegalStateException if the block's batch-norm layers do not update their statistics in training mode
     */
    public static int recalibrateBatchNorm(Block block, NDManager manager, Shape sampleShape, Iterator<float[]> batches) {
        List<NDArray> stats = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            Parameter.Type type = p.getValue().getType();
            if (type == Parameter.Type.RUNNING_MEAN || type == Parameter.Type.RUNNING_VAR) {
                stats.add(p.getValue().getArray());
            }
        }
        if (stats.isEmpty() || !batches.hasNext()) {
            return 0;
        }
        ParameterStore ps = new ParameterStore(manager, false);
        double[][] sums = new double[stats.size()][];
        float[] newWeight = new float[stats.size()];
        int used = 0;
        while (batches.hasNext()) {
            float[] data = batches.next();
            try (NDManager scope = manager.newSubManager()) {
                long n = data.length / sampleShape.size();
                NDArray x = scope.create(data, new Shape(n).addAll(sampleShape));
                if (used == 0) {
                    float[][] fromZero = runFrom(stats, 0f, () -> block.forward(ps, new NDList(x), true));
                    float[][] fromOne = runFrom(stats, 1f, () -> block.forward(ps, new NDList(x), true));
                    for (int i = 0; i < stats.size(); i++) {
                        newWeight[i] = 1f - (fromOne[i][0] - fromZero[i][0]);
                        if (!(newWeight[i] > 1e-6f && newWeight[i] <= 1f)) {
                            throw new IllegalStateException("Batch-norm statistic " + i + " of " + stats.size()
                                    + " is not updated in training mode (weight of a new batch: " + newWeight[i] + ")");
                        }
                    }
                }
                float[][] measured = runFrom(stats, 0f, () -> block.forward(ps, new NDList(x), true));
                for (int i = 0; i < stats.size(); i++) {
                    if (sums[i] == null) {
                        sums[i] = new double[measured[i].length];
                    }
                    for (int k = 0; k < measured[i].length; k++) {
                        sums[i][k] += measured[i][k] / newWeight[i];
                    }
                }
            }
            used++;
        }
        for (int i = 0; i < stats.size(); i++) {
            float[] mean = new float[sums[i].length];
            for (int k = 0; k < mean.length; k++) {
                mean[k] = (float) (sums[i][k] / used);
            }
            stats.get(i).set(mean);
        }
        return used;
    }

    /** Sets every statistic to a value, runs the action, and returns each statistic afterwards. */
    private static float[][] runFrom(List<NDArray> stats, float value, Runnable action) {
        for (NDArray s : stats) {
            s.set(filled(s.getShape(), value));
        }
        action.run();
        float[][] after = new float[stats.size()][];
        for (int i = 0; i < stats.size(); i++) {
            after[i] = stats.get(i).toFloatArray();
        }
        return after;
    }

    private static float[] filled(Shape shape, float value) {
        float[] a = new float[Math.toIntExact(shape.size())];
        java.util.Arrays.fill(a, value);
        return a;
    }
}
