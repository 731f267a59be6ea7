package io.emojify.djl.nn;

import java.util.Random;
import java.util.function.Function;

/**
 * Checks that a network gives a face the same output in a batch as alone.
 *
 * <p>A correct engine does, to rounding. Some native builds do not on some processors: DJL's PyTorch 2.7.1 (oneDNN) on a
 * 2-core AMD EPYC with AVX-512 (measured 2026-12-03) computes a batched 3x3 convolution wrongly when its input channels
 * are not a multiple of the vector width (16 channels with AVX-512, 8 with {@code ONEDNN_MAX_CPU_ISA=AVX2}), while one
 * image at a time, or {@code ONEDNN_MAX_CPU_ISA=SSE41}, is right. The shipped network's second convolution has 24 input
 * channels, so every batch of two or more faces came out wrong there, silently. The classifier and the trainer run this
 * check once when they load a network.
 */
public final class BatchConsistency {

    /** Largest difference between a face's outputs (probabilities or logits) in a batch and alone that counts as rounding. */
    public static final double TOLERANCE = 1e-3;

    /** Faces in the probe batch. */
    static final int PROBE_FACES = 4;

    private BatchConsistency() {}

    /**
     * Runs probe faces through a network as one batch and one at a time, and returns the largest difference.
     *
     * @param side the network's input side
     * @param network maps {@code n} crops of {@code side*side} values in 0..1 to {@code n} output vectors
     * @return the largest absolute difference between any output value in the batch and alone; infinite when the batch
     *     fails or gives values that are not finite while the faces alone do not
     * @throws RuntimeException what {@code network} throws for a face alone
     */
    public static double maxDifference(int side, Function<float[][], float[][]> network) {
        float[][] probes = probes(side);
        float[][] together;
        try {
            together = network.apply(probes);
        } catch (RuntimeException e) {
            together = null; // a broken batch (the fault can produce NaN); the faces alone say whether the network works
        }
        double worst = 0;
        for (int i = 0; i < probes.length; i++) {
            float[] alone = network.apply(new float[][] {probes[i]})[0];
            for (int k = 0; k < alone.length; k++) {
                double d = together == null ? Double.POSITIVE_INFINITY : Math.abs(alone[k] - together[i][k]);
                worst = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(worst, d);
            }
        }
        return worst;
    }

    /**
     * Describes a failed check in one line, for a log or an error.
     *
     * @param engine the engine's name and version
     * @param difference the difference {@link #maxDifference} measured
     * @return the description
     */
    public static String describe(String engine, double difference) {
        return String.format(java.util.Locale.ROOT, "%s on this processor computes a batch of faces differently from the "
                + "same faces one at a time (largest difference %.3g; a fault of its native convolution on some AVX-512 "
                + "processors); setting ONEDNN_MAX_CPU_ISA=SSE41 in the environment before the JVM starts avoids it",
                engine, difference);
    }

    /** Deterministic crops, smooth like faces plus noise, so that every convolution sees varied values. */
    static float[][] probes(int side) {
        Random random = new Random(20261203L);
        float[][] crops = new float[PROBE_FACES][side * side];
        for (float[] crop : crops) {
            double fx = 1 + random.nextInt(4);
            double fy = 1 + random.nextInt(4);
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    double v = 0.5 + 0.3 * Math.sin(fx * x / side * Math.PI) * Math.cos(fy * y / side * Math.PI)
                            + 0.1 * random.nextGaussian();
                    crop[y * side + x] = (float) Math.min(1, Math.max(0, v));
                }
            }
        }
        return crops;
    }
}
