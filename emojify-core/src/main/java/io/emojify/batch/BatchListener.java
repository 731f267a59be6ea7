package io.emojify.batch;

import io.emojify.AnnotatedFace;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Hears what a {@link BatchAnnotator} does, as it happens (on the thread that runs it). Every method does nothing unless
 * overridden.
 */
public interface BatchListener {

    /**
     * An input, folder or result could not be done; the batch goes on with the rest (or stops, when no result can be
     * written: then the message says so).
     *
     * @param message one line naming the file or folder and the reason
     * @param cause the failure, or {@code null} when there is none to show
     */
    default void problem(String message, Throwable cause) {}

    /**
     * An image was done.
     *
     * @param job the image and its result's place
     * @param image the decoded input
     * @param faces its faces
     */
    default void done(BatchJob job, BufferedImage image, List<AnnotatedFace> faces) {}

    /**
     * Another job was finished, done or not.
     *
     * @param finished the jobs finished so far
     * @param total the jobs planned
     */
    default void progress(int finished, int total) {}
}
