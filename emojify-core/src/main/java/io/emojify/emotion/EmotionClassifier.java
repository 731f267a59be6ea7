package io.emojify.emotion;

import io.emojify.face.Face;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Classifies the expression of faces into the seven FER-2013 emotions.
 *
 * <p>Takes all the faces of one image in one call, so that an implementation can batch them. Implementations must be
 * thread-safe, must not modify the image, and must return one {@link EmotionScores} per face in the same order, including
 * for faces that are cut by the image border. A user's classifier can be checked with {@code EmotionClassifierContract}
 * from {@code emojify-core}'s test-jar.
 */
public interface EmotionClassifier extends AutoCloseable {

    /**
     * Classifies faces of an image.
     *
     * @param image the image the faces were found in; not modified
     * @param faces the faces
     * @return one score set per face, in the same order
     * @throws EmotionClassificationException if classification fails
     */
    List<EmotionScores> classify(BufferedImage image, List<Face> faces);

    /**
     * Returns a short name for logs.
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
