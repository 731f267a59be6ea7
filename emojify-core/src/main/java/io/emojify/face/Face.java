package io.emojify.face;

import java.util.Objects;
import java.util.Optional;

/**
 * One detected face: its box in pixels, the detector's confidence and, when the detector gives them, five landmarks.
 *
 * <p>A detector's box is framed by the classifier as its training faces were (FER-2013: a square a little smaller than
 * the detector's box, see the model card's {@code cropScale}). A box marked {@code cropped} is already such a crop, for
 * inputs that are face crops themselves (see {@link WholeImageFaceDetector}): the classifier takes the square around it
 * as it is.
 *
 * @param box the face box in image pixels
 * @param score the detector's confidence, 0 to 1
 * @param landmarks the five landmarks, or null when the detector has none
 * @param cropped true when the box is already framed as the classifier's training faces are
 */
public record Face(BoundingBox box, double score, Landmarks landmarks, boolean cropped) {

    /**
     * @param box the face box in image pixels
     * @param score the detector's confidence, 0 to 1
     * @param landmarks the five landmarks, or null when the detector has none
     * @param cropped true when the box is already framed as the classifier's training faces are
     * @throws IllegalArgumentException if the score is not in 0..1
     * @throws NullPointerException if the box is null
     */
    public Face {
        Objects.requireNonNull(box, "box");
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("Face score must be in 0..1, was " + score);
        }
    }

    /**
     * Creates a detected face (not {@code cropped}).
     *
     * @param box the box
     * @param score the confidence
     * @param landmarks the five landmarks, or null
     */
    public Face(BoundingBox box, double score, Landmarks landmarks) {
        this(box, score, landmarks, false);
    }

    /**
     * Creates a detected face without landmarks.
     *
     * @param box the box
     * @param score the confidence
     */
    public Face(BoundingBox box, double score) {
        this(box, score, null, false);
    }

    /** @return the landmarks, if the detector gave them */
    public Optional<Landmarks> optLandmarks() {
        return Optional.ofNullable(landmarks);
    }
}
