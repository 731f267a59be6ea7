package io.emojify.live;

import io.emojify.track.TrackedFace;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;

/**
 * One analysed frame of a session.
 *
 * @param sequence the frame's number in the order it was offered or submitted, from 0
 * @param captureNanos the capture time it was offered with
 * @param frame the frame itself (as offered; not modified)
 * @param faces its tracked faces, ordered by track id, with their boxes at {@code captureNanos} (faces the detector
 *     missed in this frame are kept at their last place for a few frames, {@link TrackedFace#missedFrames()} &gt; 0)
 * @param resultNanos when the result was ready ({@link System#nanoTime()})
 */
public record LiveResult(long sequence, long captureNanos, BufferedImage frame, List<TrackedFace> faces,
        long resultNanos) {

    /**
     * @param sequence the frame's number, from 0
     * @param captureNanos the capture time
     * @param frame the frame
     * @param faces its tracked faces
     * @param resultNanos when the result was ready
     * @throws NullPointerException if the frame or the faces are null
     */
    public LiveResult {
        Objects.requireNonNull(frame, "frame");
        faces = List.copyOf(faces);
    }

    /** @return nanoseconds from the frame's capture to its result (meaningful when captured on {@code nanoTime}'s clock) */
    public long latencyNanos() {
        return resultNanos - captureNanos;
    }
}
