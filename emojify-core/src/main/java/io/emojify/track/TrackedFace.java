package io.emojify.track;

import io.emojify.AnnotatedFace;

/**
 * A face followed across frames: its track id, its smoothed annotation (box, probabilities, the stable emotion and its
 * emoji), and how many frames in a row the detector has missed it.
 *
 * @param trackId the id, stable while the face is followed
 * @param face the smoothed annotation to draw
 * @param missedFrames 0 when detected in this frame
 * @param age frames since the track began
 */
public record TrackedFace(int trackId, AnnotatedFace face, int missedFrames, int age) {}
