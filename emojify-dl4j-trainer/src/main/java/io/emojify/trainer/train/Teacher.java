package io.emojify.trainer.train;

import ai.djl.ndarray.NDArray;
import java.io.IOException;

/**
 * What a student network learns to match besides the labels (knowledge distillation, {@link DistillationLoss}): a model
 * run on the student's batch ({@link ModelTeacher}) or outputs written once per training face ({@link SoftTargets}).
 */
public interface Teacher extends AutoCloseable {

    /**
     * The teacher's logits for a batch (any values whose softmax is the teacher's distribution). Call it outside a
     * gradient collector: nothing here is trained.
     *
     * @param x the batch the student sees, shape (n, 1, side, side), pixels 0..1
     * @param faces for each of the n samples, the index of its face in the training set
     * @return the logits, shape (n, 7), owned by {@code x}'s manager
     */
    NDArray logits(NDArray x, int[] faces);

    /**
     * Identifies this teacher's outputs: a run records it when it starts and refuses to resume with another teacher.
     *
     * @return a SHA-256 in hexadecimal
     * @throws IOException if the teacher's file cannot be read
     */
    String checksum() throws IOException;

    /** Releases the teacher's native memory, if it holds any. */
    @Override
    void close();
}
