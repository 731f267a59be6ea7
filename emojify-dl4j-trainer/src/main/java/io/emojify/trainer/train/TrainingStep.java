package io.emojify.trainer.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;

/**
 * One optimisation step: forward, loss, backward and the update of every trainable parameter. Every native array a step
 * makes is closed before it returns (the gradients read from the parameters included), so a run's native memory does not
 * grow with its steps.
 */
final class TrainingStep {
    final Engine engine;
    final NDManager manager;
    final Block block;
    final NesterovSgd optimizer;
    final Teacher teacher;
    final Loss loss;
    final int side;
    final ParameterStore parameterStore;
    /** The mean loss of the last step's batch. */
    float lastLoss;

    TrainingStep(Engine engine, NDManager manager, Block block, NesterovSgd optimizer, Teacher teacher, Loss loss,
            int side) {
        this.engine = engine;
        this.manager = manager;
        this.block = block;
        this.optimizer = optimizer;
        this.teacher = teacher;
        this.loss = loss;
        this.side = side;
        this.parameterStore = new ParameterStore(manager, false);
    }

    /**
     * Runs one step on a batch.
     *
     * @param pixels the samples, {@code n * side * side} floats
     * @param labels the n class indices
     * @param faces the index of each sample's face in the training set (for a {@link SoftTargets} teacher)
     * @param learningRate the rate
     * @return the batch's logits, {@code n * classes} floats
     */
    float[] run(float[] pixels, float[] labels, int[] faces, float learningRate) {
        int n = labels.length;
        float[] logits;
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = scope.create(pixels, new Shape(n, 1, side, side));
            NDArray y = scope.create(labels, new Shape(n));
            NDList targets = teacher == null ? new NDList(y) : new NDList(y, teacher.logits(x, faces));
            try (GradientCollector gc = engine.newGradientCollector()) {
                NDList out = block.forward(parameterStore, new NDList(x), true);
                NDArray l = loss.evaluate(targets, out);
                gc.backward(l);
                lastLoss = l.getFloat();
                logits = out.singletonOrThrow().toFloatArray();
            }
            for (Pair<String, Parameter> p : block.getParameters()) {
                if (p.getValue().requiresGradient()) {
                    NDArray w = p.getValue().getArray();
                    try (NDArray grad = w.getGradient()) { // a new native handle on every call
                        optimizer.update(p.getKey(), w, grad, learningRate);
                        grad.subi(grad); // PyTorch accumulates gradients: clear them for the next batch
                    }
                }
            }
        }
        return logits;
    }
}
