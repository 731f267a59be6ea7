package io.emojify.face;

import java.util.List;
import java.util.Objects;

/**
 * The five facial landmarks that detectors such as YuNet return, named from the viewer's side of the image: the eye on
 * the image's left, the eye on the image's right, the nose tip, and the mouth corners on the image's left and right.
 *
 * @param leftEye the eye nearer the image's left edge
 * @param rightEye the eye nearer the image's right edge
 * @param nose the nose tip
 * @param mouthLeft the mouth corner nearer the image's left edge
 * @param mouthRight the mouth corner nearer the image's right edge
 */
public record Landmarks(Point leftEye, Point rightEye, Point nose, Point mouthLeft, Point mouthRight) {

    /**
     * @param leftEye the eye nearer the image's left edge
     * @param rightEye the eye nearer the image's right edge
     * @param nose the nose tip
     * @param mouthLeft the mouth corner nearer the image's left edge
     * @param mouthRight the mouth corner nearer the image's right edge
     * @throws NullPointerException if a point is null
     */
    public Landmarks {
        Objects.requireNonNull(leftEye, "leftEye");
        Objects.requireNonNull(rightEye, "rightEye");
        Objects.requireNonNull(nose, "nose");
        Objects.requireNonNull(mouthLeft, "mouthLeft");
        Objects.requireNonNull(mouthRight, "mouthRight");
    }

    /**
     * Returns the angle of the eye line, in radians, clockwise from horizontal in image coordinates (y down): positive when
     * the right eye is lower than the left.
     *
     * @return the roll angle
     */
    public double eyeLineAngle() {
        return Math.atan2(rightEye.y() - leftEye.y(), rightEye.x() - leftEye.x());
    }

    /** @return the five points in declaration order */
    public List<Point> points() {
        return List.of(leftEye, rightEye, nose, mouthLeft, mouthRight);
    }
}
