package io.emojify.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.HashMap;
import java.util.Map;

/**
 * PyTorch's default initialisation of {@code nn.Conv2d} and {@code nn.Linear}, applied to an initialised DJL block:
 * every weight (a parameter of two or more dimensions named {@code weight}) uniform in +-1/sqrt(fan-in), which is what
 * {@code kaiming_uniform_(a=sqrt(5))} gives, and its layer's bias uniform in the same bound. Batch-norm parameters keep
 * DJL's values, which are PyTorch's (scale 1, shift 0). DJL's own default is He-normal weights and zero biases.
 */
public final class PyTorchInitialisation {

    private PyTorchInitialisation() {}

    /**
     * Draws every convolution's and linear layer's weights and biases again, from the engine's random generator.
     *
     * @param block an initialised block
     * @param manager the manager for the temporaries
     * @return the number of weight tensors drawn
     */
    public static int apply(Block block, NDManager manager) {
        Map<String, Parameter> byName = new HashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            byName.put(p.getKey(), p.getValue());
        }
        int drawn = 0;
        for (Map.Entry<String, Parameter> e : byName.entrySet()) {
            String name = e.getKey();
            NDArray weight = e.getValue().getArray();
            if (!name.endsWith("weight") || weight.getShape().dimension() < 2) {
                continue;
            }
            float bound = (float) (1 / Math.sqrt(fanIn(weight.getShape())));
            redraw(weight, bound, manager);
            Parameter bias = byName.get(name.substring(0, name.length() - "weight".length()) + "bias");
            if (bias != null) {
                redraw(bias.getArray(), bound, manager);
            }
            drawn++;
        }
        return drawn;
    }

    /**
     * Returns a weight's fan-in as PyTorch counts it: input channels times the kernel's size.
     *
     * @param shape the weight's shape, output channels first
     * @return the fan-in
     */
    static long fanIn(Shape shape) {
        long fanIn = shape.get(1);
        for (int d = 2; d < shape.dimension(); d++) {
            fanIn *= shape.get(d);
        }
        return fanIn;
    }

    private static void redraw(NDArray array, float bound, NDManager manager) {
        try (NDArray u = manager.randomUniform(-bound, bound, array.getShape(), array.getDataType(),
                array.getDevice())) {
            array.muli(0).addi(u);
        }
    }
}
