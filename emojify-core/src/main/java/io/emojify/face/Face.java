package io.emojify.face;

import java.util.Objects;
import java.util.Optional;

/**
 * One detected face: its box in pixels, the detector's confidence and, when the detector gives them, five landmarks.
 *
 * @param box the face box in image pixels
 * @param score the detector's confidence, 0 to 1
 * @param landmarks the five landmarks, or null when the detector has none
 */
public record Face(BoundingBox box, double score, Landmarks landmarks) {

    /**
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
     * Creates a face without landmarks.
     *
     * @param box the box
     * @param score the confidence
     */
    public Face(BoundingBox box, double score) {
        this(box, score, null);
    }

    /** @return the landmarks, if the detector gave them */
    public Optional<Landmarks> optLandmarks() {
        return Optional.ofNullable(landmarks);
    }
}
