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
import ai.djl.util.Pair;
import io.emojify.djl.nn.EmotionNetworks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Weights kept in half precision read back into the same network, and refused by another. */
class HalfPrecisionWeightsTest {

    @Test
    void weightsReadBackWithinHalfPrecisionAndAnotherNetworkIsRefused(@TempDir Path dir) throws Exception {
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed(5);
        try (NDManager manager = engine.newBaseManager()) {
            Block a = EmotionNetworks.build(EmotionNetworks.COMPACT);
            a.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 48, 48));
            Path file = dir.resolve("compact" + HalfPrecisionWeights.SUFFIX);
            HalfPrecisionWeights.save(a, file);
            Path full = dir.resolve("compact.params");
            ParameterFiles.save(a, full);
            assertTrue(Files.size(file) < 0.6 * Files.size(full), Files.size(file) + " vs " + Files.size(full));

            engine.setRandomSeed(6);
            Block b = EmotionNetworks.build(EmotionNetworks.COMPACT);
            b.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 48, 48));
            ParameterFiles.load(b, manager, file);
            int compared = 0;
            for (Pair<String, Parameter> p : a.getParameters()) {
                float[] x = p.getValue().getArray().toFloatArray();
                float[] y = b.getParameters().get(p.getKey()).getArray().toFloatArray();
                for (int i = 0; i < x.length; i++) {
                    assertEquals(x[i], y[i], Math.abs(x[i]) / 1000 + 1e-4, p.getKey() + "[" + i + "]");
                }
                compared++;
            }
            assertTrue(compared > 10);

            Block wide = EmotionNetworks.build(EmotionNetworks.WIDE);
            wide.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 48, 48));
            IOException e = assertThrows(IOException.class, () -> ParameterFiles.load(wide, manager, file));
            assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
        }
    }
}
