package io.emojify.face;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Finds the faces in an image.
 *
 * <p>Implementations must be thread-safe: one detector serves every thread of an {@code Emojify} instance. They must not
 * modify the image, must return boxes in the image's pixel coordinates, and must return an empty list (not throw) for an
 * image without faces. A user's detector can be checked with the contract tests in {@code emojify-core}'s test-jar
 * ({@code FaceDetectorContract}).
 */
public interface FaceDetector extends AutoCloseable {

    /**
     * Detects the faces in an image.
     *
     * @param image the image, of any type; not modified
     * @return the faces, most confident first; empty when there is none
     * @throws FaceDetectionException if detection fails
     */
    List<Face> detect(BufferedImage image);

    /**
     * Returns a short name for logs, for example {@code "YuNet"}.
     *
     * @return the name
     */
    default String name() {
        return getClass().getSimpleName();
    }

    /** Releases native resources. The default does nothing. */
    @Override
    default void close() {}
}
