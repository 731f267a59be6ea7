package io.emojify;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;

/**
 * The result of annotating one image: every face with its emotion, probabilities and emoji, and the rendered image (a new
 * image; the input is never modified).
 *
 * @param faces the faces, most confident detection first
 * @param image the rendered image
 */
public record Annotation(List<AnnotatedFace> faces, BufferedImage image) {

    /**
     * @param faces the faces, most confident detection first
     * @param image the rendered image
     * @throws NullPointerException if a component is null
     */
    public Annotation {
        faces = List.copyOf(Objects.requireNonNull(faces, "faces"));
        Objects.requireNonNull(image, "image");
    }
}
