package io.emojify.face;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A face detector for inputs that are face crops already (a data set of faces, avatars, a face cut out by another tool):
 * it returns the whole image as one {@link Face#cropped() cropped} face, score 1, so the classifier sees the image as
 * its training faces were framed. Costs nothing; stateless and thread-safe.
 */
public final class WholeImageFaceDetector implements FaceDetector {

    /** Creates the detector. */
    public WholeImageFaceDetector() {}

    @Override
    public List<Face> detect(BufferedImage image) {
        if (image == null) {
            throw new FaceDetectionException("The image is null");
        }
        return List.of(new Face(new BoundingBox(0, 0, image.getWidth(), image.getHeight()), 1, null, true));
    }

    @Override
    public String name() {
        return "whole image";
    }
}
