package io.emojify.djl.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import java.util.List;
import java.util.Locale;

/**
 * The emotion networks, defined once: the trainer trains these blocks and the library loads their weights into the same
 * blocks, so no conversion is needed between training and serving.
 *
 * <p>Every network takes {@code [N, 1, H, W]} grayscale pixels scaled to 0..1 and returns {@code [N, 7]} logits in FER-2013
 * class order. Only operators that {@code OnnxExporter} can write are used: Conv, BatchNormalization, Relu, MaxPool,
 * GlobalAveragePool, Flatten, Gemm and Dropout (identity at inference).
 */
public final class EmotionNetworks {

    /** The paper's VGG variant (Khaireddin and Chen 2021): about 29.9M parameters, trained on 40x40 crops. */
    public static final String VGG = "vgg";

    /** The compact network that the library ships: a small VGG-style net with global average pooling, 48x48 input. */
    public static final String COMPACT = "compact";

    /** The number of output classes (the seven FER-2013 emotions). */
    public static final int CLASSES = 7;

    private EmotionNetworks() {}

    /**
     * Returns the names of the known architectures.
     *
     * @return the architecture names
     */
    public static List<String> names() {
        return List.of(COMPACT, VGG);
    }

    /**
     * Builds a new, uninitialised block for the named architecture.
     *
     * @param name an architecture name from {@link #names()}
     * @return a new block
     * @throws IllegalArgumentException if the name is unknown
     */
    public static Block build(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case VGG:
                return vgg();
            case COMPACT:
                return compact();
            default:
                throw new IllegalArgumentException(
                        "Unknown architecture '" + name + "'; known: " + names());
        }
    }

    /**
     * Returns the square input size in pixels that the named architecture is trained and served at.
     *
     * @param name an architecture name from {@link #names()}
     * @return the input side in pixels
     */
    public static int inputSize(String name) {
        return VGG.equalsIgnoreCase(name) ? 40 : 48;
    }

    /**
     * The paper's VGG: four stages of two [3x3 conv, batch norm, ReLU] and a 2x2 max-pool (64/128/256/512 channels), then
     * FC 2048 to 4096 to 4096 to 7 with ReLU and dropout 0.2.
     *
     * @return a new block
     */
    public static Block vgg() {
        SequentialBlock net = new SequentialBlock();
        for (int channels : new int[] {64, 128, 256, 512}) {
            net.add(convBnRelu(channels)).add(convBnRelu(channels)).add(maxPool());
        }
        net.add(Blocks.batchFlattenBlock());
        net.add(Linear.builder().setUnits(4096).build()).add(Activation.reluBlock())
                .add(Dropout.builder().optRate(0.2f).build());
        net.add(Linear.builder().setUnits(4096).build()).add(Activation.reluBlock())
                .add(Dropout.builder().optRate(0.2f).build());
        net.add(Linear.builder().setUnits(CLASSES).build());
        return net;
    }

    /**
     * The compact network: stages of 3x3 conv, batch norm and ReLU with 2x2 max-pools (24, 48, 96+96, 192+192 channels;
     * 48 to 3 pixels), global average pooling, dropout 0.3 and one linear layer: about 0.64M parameters and 30M
     * multiply-adds per face. Chosen by measurement on two CPU cores against the 32..256-channel variant (1.13M parameters,
     * 130 training images per second and 4.8 ms per face on one core in eager PyTorch) and the 16..128 one (0.29M).
     *
     * @return a new block
     */
    public static Block compact() {
        SequentialBlock net = new SequentialBlock();
        net.add(convBnRelu(24)).add(maxPool());
        net.add(convBnRelu(48)).add(maxPool());
        net.add(convBnRelu(96)).add(convBnRelu(96)).add(maxPool());
        net.add(convBnRelu(192)).add(convBnRelu(192)).add(maxPool());
        net.add(Pool.globalAvgPool2dBlock());
        net.add(Blocks.batchFlattenBlock());
        net.add(Dropout.builder().optRate(0.3f).build());
        net.add(Linear.builder().setUnits(CLASSES).build());
        return net;
    }

    private static Block convBnRelu(int channels) {
        return new SequentialBlock()
                .add(Conv2d.builder()
                        .setKernelShape(new Shape(3, 3))
                        .optPadding(new Shape(1, 1))
                        .optBias(false)
                        .setFilters(channels)
                        .build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock());
    }

    private static Block maxPool() {
        return Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2));
    }
}
