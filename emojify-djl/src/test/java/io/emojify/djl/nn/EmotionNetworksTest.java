package io.emojify.djl.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The architecture names, ensembles of them, and what an ensemble block computes. */
class EmotionNetworksTest {

    @Test
    void namesSizesAndErrorsSayWhatIsWrong() {
        assertEquals(List.of("compact", "wide", "vgg"), EmotionNetworks.names());
        assertEquals(48, EmotionNetworks.inputSize("compact+wide"));
        assertEquals(40, EmotionNetworks.inputSize("vgg"));
        assertEquals(List.of("compact", "wide"), EmotionNetworks.members("compact+wide"));
        IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class,
                () -> EmotionNetworks.build("compact+vgg"));
        assertTrue(mixed.getMessage().contains("compact takes 48") && mixed.getMessage().contains("vgg takes 40"),
                mixed.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> EmotionNetworks.build("compact+"));
        assertTrue(empty.getMessage().contains("'compact+'"), empty.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> EmotionNetworks.build("compact+resnet"));
        assertTrue(unknown.getMessage().contains("'resnet'"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new ProbabilityAveragingBlock(List.of(EmotionNetworks.compact())));
    }

    @Test
    void anEnsembleOutputsTheLogOfItsMembersMeanProbabilities() {
        try (Model m = Model.newInstance("ensemble", "PyTorch")) {
            NDManager manager = m.getNDManager();
            Block block = EmotionNetworks.build("compact+wide");
            assertInstanceOf(ProbabilityAveragingBlock.class, block);
            block.initialize(manager, DataType.FLOAT32, new Shape(3, 1, 48, 48));
            NDArray x = manager.randomUniform(0, 1, new Shape(3, 1, 48, 48));
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray out = block.forward(ps, new NDList(x), false).singletonOrThrow();
            assertEquals(new Shape(3, 7), out.getShape());
            NDArray mean = null;
            for (Block member : block.getChildren().values()) {
                NDArray p = member.forward(ps, new NDList(x), false).singletonOrThrow().softmax(1);
                mean = mean == null ? p : mean.add(p);
            }
            mean = mean.div(2);
            float[] expected = mean.toFloatArray();
            float[] actual = out.softmax(1).toFloatArray();
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], actual[i], 1e-6, "probability " + i);
            }
            long members = block.getChildren().values().stream()
                    .mapToLong(b -> b.getParameters().size()).sum();
            assertEquals(members, block.getParameters().size(), "the ensemble holds exactly its members' parameters");
        }
    }
}
