package io.emojify.track;

import io.emojify.AnnotatedFace;
import io.emojify.face.BoundingBox;
import io.emojify.face.Face;
import io.emojify.face.Landmarks;
import io.emojify.face.Point;
import java.util.Objects;

/**
 * A face followed across frames: its track id, its smoothed annotation (box, probabilities, the stable emotion and its
 * emoji), how many frames in a row the detector has missed it, and how its box moves.
 *
 * @param trackId the id, stable while the face is followed
 * @param face the smoothed annotation to draw
 * @param missedFrames 0 when detected in this frame
 * @param age frames since the track began
 * @param velocityX how fast the box moves to the right, in pixels per second of the tracker's clock (per frame for
 *     {@link FaceTracker#update(java.util.List)}); 0 until the face has been seen twice
 * @param velocityY how fast the box moves down, in the same unit
 * @param seenNanos when the face was last seen (the time of that frame on the tracker's clock): the time {@code face}'s
 *     box belongs to
 */
public record TrackedFace(int trackId, AnnotatedFace face, int missedFrames, int age, double velocityX,
        double velocityY, long seenNanos) {

    /**
     * @param trackId the id, stable while the face is followed
     * @param face the smoothed annotation to draw
     * @param missedFrames 0 when detected in this frame
     * @param age frames since the track began
     * @param velocityX how fast the box moves to the right, in pixels per second of the tracker's clock
     * @param velocityY how fast the box moves down, in the same unit
     * @param seenNanos when the face was last seen
     * @throws NullPointerException if {@code face} is null
     * @throws IllegalArgumentException if a velocity is not finite
     */
    public TrackedFace {
        Objects.requireNonNull(face, "face");
        if (!Double.isFinite(velocityX) || !Double.isFinite(velocityY)) {
            throw new IllegalArgumentException("The velocity must be finite, was " + velocityX + ", " + velocityY);
        }
    }

    /**
     * A face that does not move (velocity 0), seen at time 0.
     *
     * @param trackId the id, stable while the face is followed
     * @param face the smoothed annotation to draw
     * @param missedFrames 0 when detected in this frame
     * @param age frames since the track began
     */
    public TrackedFace(int trackId, AnnotatedFace face, int missedFrames, int age) {
        this(trackId, face, missedFrames, age, 0, 0, 0);
    }

    /**
     * Returns this face moved along its velocity: its box and landmarks shifted by {@code seconds} times the velocity, its
     * emotion and emoji as they are.
     *
     * @param seconds how far to move it in time (in the velocity's time unit); negative moves it back
     * @return the moved face (this one when it does not move)
     */
    public TrackedFace movedBy(double seconds) {
        double dx = velocityX * seconds;
        double dy = velocityY * seconds;
        if (dx == 0 && dy == 0) {
            return this;
        }
        Face f = face.face();
        BoundingBox b = f.box();
        Landmarks l = f.landmarks();
        Landmarks moved = l == null ? null : new Landmarks(shift(l.leftEye(), dx, dy), shift(l.rightEye(), dx, dy),
                shift(l.nose(), dx, dy), shift(l.mouthLeft(), dx, dy), shift(l.mouthRight(), dx, dy));
        Face shifted = new Face(new BoundingBox(b.x() + dx, b.y() + dy, b.width(), b.height()), f.score(), moved,
                f.cropped());
        return new TrackedFace(trackId, new AnnotatedFace(shifted, face.scores(), face.emotion(), face.emoji()),
                missedFrames, age, velocityX, velocityY, seenNanos);
    }

    private static Point shift(Point p, double dx, double dy) {
        return new Point(p.x() + dx, p.y() + dy);
    }
}
