package io.emojify.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;

class NesterovSgdTest {

    /**
     * {@code torch.optim.SGD([w], lr=0.1, momentum=0.9, weight_decay=0.01, nesterov=True)} on the loss {@code w*w} from
     * {@code w = 1}, worked by hand from PyTorch's documented update ({@code g += wd*w; b = g} at the first step, else
     * {@code b = mu*b + g}; {@code g += mu*b; w -= lr*g}): the weights and momentum buffers after each of four steps.
     */
    private static final double[][] PYTORCH_STEPS = {
        {0.6181, 2.01},
        {0.21923760999999992, 3.051381},
        {-0.11165109425900016, 3.1869104961000003},
        {-0.3271512915455881, 2.64380074702941},
    };

    @Test
    void followsPyTorchsNesterovSequenceStepByStep() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
                NesterovSgd sgd = new NesterovSgd(manager, 0.9f, 0.01f)) {
            NDArray w = manager.create(new float[] {1f});
            for (double[] expected : PYTORCH_STEPS) {
                try (NDArray grad = w.mul(2f)) {
                    sgd.update("w", w, grad, 0.1f);
                }
                assertEquals(expected[0], w.getFloat(0), 1e-5, "weight");
                assertEquals(expected[1], sgd.state().get(0).getFloat(0), 1e-5, "momentum buffer");
            }
        }
    }

    @Test
    void everyMomentumBufferBelongsToTheOptimizerAndIsFreedWithIt() {
        try (NDManager model = NDManager.newBaseManager("PyTorch")) {
            NDArray w = model.create(new float[] {1f, 2f});
            NDArray restoredFrom = model.create(new float[] {3f});
            NesterovSgd fresh = new NesterovSgd(model, 0.9f, 0f);
            try (NDArray grad = model.create(new float[] {0.5f, 0.5f})) {
                fresh.update("w", w, grad, 0.1f);
            }
            NDArray freshBuffer = fresh.state().get(0);
            NesterovSgd restored = new NesterovSgd(model, 0.9f, 0f);
            restored.restore(new NDList(restoredFrom), List.of("b"));
            NDArray restoredBuffer = restored.state().get(0);

            fresh.close();
            restored.close();
            assertTrue(freshBuffer.isReleased(), "a buffer made by update() is freed by close()");
            assertTrue(restoredBuffer.isReleased(), "a restored buffer is freed by close()");
            assertFalse(w.isReleased(), "the weights stay the model's");
        }
    }
}
