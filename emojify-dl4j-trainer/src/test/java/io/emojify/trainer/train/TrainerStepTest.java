package io.emojify.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import io.emojify.djl.nn.EmotionNetworks;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** One training step's native memory, and PyTorch's default initialisation. */
class TrainerStepTest {

    @Test
    void nativeArraysDoNotGrowWithTheSteps() {
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed(3);
        try (NDManager manager = engine.newBaseManager()) {
            Block block = EmotionNetworks.build(EmotionNetworks.COMPACT);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 48, 48));
            for (Pair<String, Parameter> p : block.getParameters()) {
                if (p.getValue().requiresGradient()) {
                    p.getValue().getArray().setRequiresGradient(true);
                }
            }
            try (NesterovSgd optimizer = new NesterovSgd(manager, 0.9f, 1e-4f)) {
                TrainingStep step = new TrainingStep(engine, manager, block, optimizer, null,
                        Loss.softmaxCrossEntropyLoss(), 48);
                int n = 4;
                float[] pixels = new float[n * 48 * 48];
                SplittableRandom rnd = new SplittableRandom(1);
                for (int i = 0; i < pixels.length; i++) {
                    pixels[i] = (float) rnd.nextDouble();
                }
                float[] labels = {0, 3, 5, 6};
                for (int i = 0; i < 3; i++) {
                    step.run(pixels, labels, null, 0.01f); // the optimizer's buffers are made in the first step
                }
                int before = manager.getManagedArrays().size();
                for (int i = 0; i < 20; i++) {
                    step.run(pixels, labels, null, 0.01f);
                }
                assertEquals(before, manager.getManagedArrays().size(),
                        "native arrays left behind by 20 training steps");
                assertTrue(Float.isFinite(step.lastLoss), "loss " + step.lastLoss);
            }
        }
    }

    @Test
    void pyTorchInitialisationDrawsWeightsAndBiasesUniformlyWithinOneOverRootFanIn() {
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed(11);
        try (NDManager manager = engine.newBaseManager()) {
            Block block = EmotionNetworks.build(EmotionNetworks.VGG);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 40, 40));
            assertEquals(11, PyTorchInitialisation.apply(block, manager), "8 convolutions and 3 linear layers");
            int checked = 0;
            for (Pair<String, Parameter> p : block.getParameters()) {
                String name = p.getKey();
                NDArray a = p.getValue().getArray();
                if (!name.endsWith("weight") || a.getShape().dimension() < 2) {
                    continue;
                }
                double bound = 1 / Math.sqrt(PyTorchInitialisation.fanIn(a.getShape()));
                float[] w = a.toFloatArray();
                double max = 0;
                double sumSq = 0;
                for (float v : w) {
                    max = Math.max(max, Math.abs(v));
                    sumSq += v * v;
                }
                double std = Math.sqrt(sumSq / w.length);
                assertTrue(max <= bound + 1e-7, name + ": |w| up to " + max + ", bound " + bound);
                assertEquals(bound / Math.sqrt(3), std, 0.05 * bound / Math.sqrt(3), name + " std");
                float[] bias = block.getParameters().get(name.replace("weight", "bias")).getArray().toFloatArray();
                double biasMax = 0;
                for (float v : bias) {
                    biasMax = Math.max(biasMax, Math.abs(v));
                }
                assertTrue(biasMax <= bound + 1e-7 && biasMax > bound / 4, name + " bias up to " + biasMax);
                checked++;
            }
            assertEquals(11, checked);
        }
    }
}
