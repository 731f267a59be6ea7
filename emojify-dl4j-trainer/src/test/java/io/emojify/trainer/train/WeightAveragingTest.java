package io.emojify.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.util.PairList;
import io.emojify.djl.nn.EmotionNetworks;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightAveragingTest {

    @Test
    void theAverageOfTwoWeightFilesIsTheMeanOfEveryParameter(@TempDir Path tmp) throws IOException {
        Engine engine = Engine.getEngine("PyTorch");
        try (NDManager manager = engine.newBaseManager()) {
            List<Block> blocks = new ArrayList<>();
            List<Path> files = new ArrayList<>();
            for (int seed = 1; seed <= 3; seed++) {
                engine.setRandomSeed(seed);
                Block b = EmotionNetworks.compact();
                b.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 48, 48));
                Path f = tmp.resolve("w" + seed + ".params");
                ParameterFiles.save(b, f);
                blocks.add(b);
                files.add(f);
            }
            Block mean = EmotionNetworks.compact();
            mean.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 48, 48));
            WeightAveraging.average(mean, manager, files);

            PairList<String, Parameter> got = mean.getParameters();
            int checked = 0;
            for (int i = 0; i < got.size(); i++) {
                float[] m = got.get(i).getValue().getArray().toFloatArray();
                float[][] members = new float[3][];
                for (int k = 0; k < 3; k++) {
                    members[k] = blocks.get(k).getParameters().get(i).getValue().getArray().toFloatArray();
                }
                for (int j = 0; j < m.length; j += 7) {
                    float expected = (members[0][j] + members[1][j] + members[2][j]) / 3;
                    assertEquals(expected, m[j], 1e-6, got.get(i).getKey() + "[" + j + "]");
                    checked++;
                }
            }
            assertTrue(checked > 80_000, "checked " + checked + " values");
            assertTrue(Math.abs(got.get(0).getValue().getArray().toFloatArray()[0]
                    - blocks.get(0).getParameters().get(0).getValue().getArray().toFloatArray()[0]) > 1e-6,
                    "the seeds gave different weights, so the mean is not one of them");
        }
    }

    @Test
    void missingOrNoWeightFilesAreRefusedByName(@TempDir Path tmp) {
        Engine engine = Engine.getEngine("PyTorch");
        try (NDManager manager = engine.newBaseManager()) {
            Block b = EmotionNetworks.compact();
            b.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 48, 48));
            Path missing = tmp.resolve("epoch-0007.params");
            IOException e = assertThrows(IOException.class,
                    () -> WeightAveraging.average(b, manager, List.of(missing)));
            assertTrue(e.getMessage().contains("epoch-0007.params"), e.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> WeightAveraging.average(b, manager, List.of()));
        }
    }

    @Test
    void batchNormStatisticsBecomeTheMeanOfEveryBatchsOwnWhateverTheMomentum() {
        int channels = 3;
        int px = 4 * 4;
        int perBatch = 8;
        Random rnd = new Random(11);
        List<float[]> batches = new ArrayList<>();
        double[] meanSum = new double[channels];
        double[] varSum = new double[channels];
        for (int b = 0; b < 5; b++) {
            float[] data = new float[perBatch * channels * px];
            for (int c = 0; c < channels; c++) {
                double offset = 3 * c + b; // every batch has other statistics, so an exponential average would differ
                double scale = 1 + c + 0.5 * b;
                double[] values = new double[perBatch * px];
                for (int n = 0; n < perBatch; n++) {
                    for (int p = 0; p < px; p++) {
                        double v = offset + scale * rnd.nextGaussian();
                        data[(n * channels + c) * px + p] = (float) v;
                        values[n * px + p] = (float) v;
                    }
                }
                double mean = 0;
                for (double v : values) {
                    mean += v / values.length;
                }
                double ss = 0;
                for (double v : values) {
                    ss += (v - mean) * (v - mean);
                }
                meanSum[c] += mean / 5;
                varSum[c] += ss / (values.length - 1) / 5; // PyTorch keeps the unbiased variance
            }
            batches.add(data);
        }
        for (float momentum : new float[] {0.9f, 0.5f}) {
            Engine engine = Engine.getEngine("PyTorch");
            try (NDManager manager = engine.newBaseManager()) {
                SequentialBlock block = new SequentialBlock().add(BatchNorm.builder().optMomentum(momentum).build());
                block.initialize(manager, DataType.FLOAT32, new Shape(1, channels, 4, 4));
                int used = WeightAveraging.recalibrateBatchNorm(block, manager, new Shape(channels, 4, 4),
                        batches.iterator());
                assertEquals(5, used);
                float[] runningMean = null;
                float[] runningVar = null;
                for (var p : block.getParameters()) {
                    if (p.getValue().getType() == Parameter.Type.RUNNING_MEAN) {
                        runningMean = p.getValue().getArray().toFloatArray();
                    } else if (p.getValue().getType() == Parameter.Type.RUNNING_VAR) {
                        runningVar = p.getValue().getArray().toFloatArray();
                    }
                }
                for (int c = 0; c < channels; c++) {
                    assertEquals(meanSum[c], runningMean[c], 1e-4, "momentum " + momentum + ": mean of channel " + c);
                    assertEquals(varSum[c], runningVar[c], 1e-3 * varSum[c],
                            "momentum " + momentum + ": variance of channel " + c);
                }
            }
        }
    }
}
