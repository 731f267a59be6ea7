package io.emojify.djl.emotion;

import io.emojify.emotion.EmotionClassificationException;
import io.emojify.face.Face;
import java.awt.image.BufferedImage;
import java.util.List;

/** The check every classifier of this package makes on its arguments before any work. */
final class ClassifyArguments {

    private ClassifyArguments() {}

    /**
     * Refuses a null image or list of faces, and tells whether there is a face to classify.
     *
     * @param image the image
     * @param faces the faces in it
     * @return true when the list is empty: the answer is an empty list, and nothing runs
     * @throws EmotionClassificationException if the image or the faces are null
     */
    static boolean nothingToClassify(BufferedImage image, List<Face> faces) {
        if (image == null || faces == null) {
            throw new EmotionClassificationException("image and faces must not be null");
        }
        return faces.isEmpty();
    }
}
