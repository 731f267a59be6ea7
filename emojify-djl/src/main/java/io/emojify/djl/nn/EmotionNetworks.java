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
import java.util.ArrayList;
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

    /** The compact network: a small VGG-style net with global average pooling, 48x48 input. */
    public static final String COMPACT = "compact";

    /** The compact network's layout with a third more channels in every stage (32..256): about 1.13M parameters. */
    public static final String WIDE = "wide";

    /** Joins member names into an ensemble's name: {@code "compact+wide"} (see {@link ProbabilityAveragingBlock}). */
    public static final String ENSEMBLE_SEPARATOR = "+";

    /** The number of output classes (the seven FER-2013 emotions). */
    public static final int CLASSES = 7;

    private EmotionNetworks() {}

    /**
     * Returns the names of the known single architectures. Two or more of them joined by {@link #ENSEMBLE_SEPARATOR}
     * name an ensemble of those networks.
     *
     * @return the architecture names
     */
    public static List<String> names() {
        return List.of(COMPACT, WIDE, VGG);
    }

    /**
     * Builds a new, uninitialised block for the named architecture, or for an ensemble such as {@code "compact+wide"}.
     *
     * @param name an architecture name from {@link #names()}, or several joined by {@link #ENSEMBLE_SEPARATOR}
     * @return a new block
     * @throws IllegalArgumentException if a name is unknown or an ensemble's members differ in input size
     */
    public static Block build(String name) {
        List<String> members = members(name);
        if (members.size() > 1) {
            inputSize(name);
            List<Block> blocks = new ArrayList<>();
            for (String member : members) {
                blocks.add(build(member));
            }
            return new ProbabilityAveragingBlock(blocks);
        }
        switch (name.toLowerCase(Locale.ROOT)) {
            case VGG:
                return vgg();
            case COMPACT:
                return compact();
            case WIDE:
                return wide();
            default:
                throw new IllegalArgumentException(
                        "Unknown architecture '" + name + "'; known: " + names());
        }
    }

    /**
     * Returns the square input size in pixels that the named architecture (or ensemble) is trained and served at.
     *
     * @param name an architecture name from {@link #names()}, or several joined by {@link #ENSEMBLE_SEPARATOR}
     * @return the input side in pixels
     * @throws IllegalArgumentException if an ensemble's members differ in input size
     */
    public static int inputSize(String name) {
        List<String> members = members(name);
        int side = singleInputSize(members.get(0));
        for (String member : members) {
            if (singleInputSize(member) != side) {
                throw new IllegalArgumentException("The ensemble '" + name + "' mixes input sizes: " + members.get(0)
                        + " takes " + side + " pixels, " + member + " takes " + singleInputSize(member));
            }
        }
        return side;
    }

    /**
     * Splits an architecture name into its members: one name for a single network, several for an ensemble.
     *
     * @param name an architecture or ensemble name
     * @return the member names, in order
     * @throws IllegalArgumentException if the name is null or has an empty member
     */
    public static List<String> members(String name) {
        if (name == null) {
            throw new IllegalArgumentException("The architecture name is null; known: " + names());
        }
        List<String> members = List.of(name.split(java.util.regex.Pattern.quote(ENSEMBLE_SEPARATOR), -1));
        if (members.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("The architecture name '" + name + "' has an empty member");
        }
        return members;
    }

    private static int singleInputSize(String name) {
        return VGG.equalsIgnoreCase(name) ? 40 : 48;
    }

    /**
     * The paper's VGG: four stages of two [3x3 conv with bias, batch norm, ReLU] and a 2x2 max-pool (64/128/256/512
     * channels), then FC 2048 to 4096 to 4096 to 7 with ReLU and dropout 0.2. The convolutions keep their bias, as
     * {@code nn.Conv2d} does in the authors' code (usef-kh/fer), although the batch norm after each makes it redundant.
     *
     * @return a new block
     */
    public static Block vgg() {
        SequentialBlock net = new SequentialBlock();
        for (int channels : new int[] {64, 128, 256, 512}) {
            net.add(convBnRelu(channels, true)).add(convBnRelu(channels, true)).add(maxPool());
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
        return globalPoolingNet(24);
    }

    /**
     * The compact network's layout at 32, 64, 128+128, 256+256 channels: about 1.13M parameters and 1.8 times the compute.
     *
     * @return a new block
     */
    public static Block wide() {
        return globalPoolingNet(32);
    }

    private static Block globalPoolingNet(int base) {
        SequentialBlock net = new SequentialBlock();
        net.add(convBnRelu(base, false)).add(maxPool());
        net.add(convBnRelu(2 * base, false)).add(maxPool());
        net.add(convBnRelu(4 * base, false)).add(convBnRelu(4 * base, false)).add(maxPool());
        net.add(convBnRelu(8 * base, false)).add(convBnRelu(8 * base, false)).add(maxPool());
        net.add(Pool.globalAvgPool2dBlock());
        net.add(Blocks.batchFlattenBlock());
        net.add(Dropout.builder().optRate(0.3f).build());
        net.add(Linear.builder().setUnits(CLASSES).build());
        return net;
    }

    private static Block convBnRelu(int channels, boolean bias) {
        return new SequentialBlock()
                .add(Conv2d.builder()
                        .setKernelShape(new Shape(3, 3))
                        .optPadding(new Shape(1, 1))
                        .optBias(bias)
                        .setFilters(channels)
                        .build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock());
    }

    private static Block maxPool() {
        return Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2));
    }
}
