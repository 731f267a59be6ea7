package io.emojify.djl.face;

/**
 * The settings of the DJL face detectors. Two measured presets: {@link #PHOTO} (the default) and {@link #VIDEO}; see
 * {@code docs/DETECTION.md} for the measurements behind them and what each setting costs in time.
 *
 * @param scoreThreshold faces below this confidence are dropped (0 to 1)
 * @param nmsThreshold boxes that overlap a more confident box by more than this IoU are dropped (0 to 1)
 * @param maxInputSide the image is scaled down before detection so that its longer side is at most this (detection cost
 *     grows with the pixel count; boxes are mapped back to the full image); 0 keeps the full size
 * @param maxFaces at most this many faces are returned, the most confident
 * @param retrySide when a pass finds no face, YuNet looks once more on a copy of the image padded by a quarter of each
 *     side with mid-gray and scaled so that its longer side is this many pixels, which finds faces that fill the frame
 *     or touch its border (pre-cropped faces, avatars); 0 turns the second pass off
 */
public record DetectorSettings(double scoreThreshold, double nmsThreshold, int maxInputSide, int maxFaces,
        int retrySide) {

    /**
     * For photos, the default: score 0.8, full resolution up to a longer side of 2048 px, up to 2000 faces, the padded
     * second pass at 240 px. On the shared test photos it finds every face YuNet finds at full resolution with score 0.8
     * (crowds of 60 to 290 faces included), recall and precision 1.0 on dlib's testing boxes, no face on the dog photo.
     */
    public static final DetectorSettings PHOTO = new DetectorSettings(0.8, 0.3, 2048, 2000, 240);

    /**
     * For video frames and the webcam: score 0.85, detection at a longer side of 640 px (real time on a laptop CPU), up to
     * 500 faces, no second pass (a frame without a face is common in video and should cost one pass). At 640 px a score
     * of 0.8 takes a dog for a face; 0.85 does not, and keeps recall and precision 1.0 on dlib's testing boxes.
     */
    public static final DetectorSettings VIDEO = new DetectorSettings(0.85, 0.3, 640, 500, 0);

    /** The default settings: {@link #PHOTO}. */
    public static final DetectorSettings DEFAULT = PHOTO;

    /**
     * @param scoreThreshold faces below this confidence are dropped (0 to 1)
     * @param nmsThreshold boxes that overlap a more confident box by more than this IoU are dropped (0 to 1)
     * @param maxInputSide the longest side detection works at (the image is scaled down to it); 0 keeps the full size
     * @param maxFaces at most this many faces are returned, the most confident
     * @param retrySide the longer side of the padded copy YuNet searches when a pass finds no face; 0 turns it off
     * @throws IllegalArgumentException naming the value out of range
     */
    public DetectorSettings {
        if (!(scoreThreshold >= 0 && scoreThreshold <= 1)) {
            throw new IllegalArgumentException("scoreThreshold must be 0 to 1, was " + scoreThreshold);
        }
        if (!(nmsThreshold >= 0 && nmsThreshold <= 1)) {
            throw new IllegalArgumentException("nmsThreshold must be 0 to 1, was " + nmsThreshold);
        }
        if (maxInputSide < 0 || (maxInputSide > 0 && maxInputSide < 32)) {
            throw new IllegalArgumentException("maxInputSide must be 0 or at least 32, was " + maxInputSide);
        }
        if (maxFaces < 1) {
            throw new IllegalArgumentException("maxFaces must be at least 1, was " + maxFaces);
        }
        if (retrySide < 0 || (retrySide > 0 && retrySide < 32)) {
            throw new IllegalArgumentException("retrySide must be 0 or at least 32, was " + retrySide);
        }
    }

    /**
     * @param threshold the score threshold
     * @return a copy with it
     */
    public DetectorSettings withScoreThreshold(double threshold) {
        return new DetectorSettings(threshold, nmsThreshold, maxInputSide, maxFaces, retrySide);
    }

    /**
     * @param side the longest side to detect at (0: full size)
     * @return a copy with it
     */
    public DetectorSettings withMaxInputSide(int side) {
        return new DetectorSettings(scoreThreshold, nmsThreshold, side, maxFaces, retrySide);
    }

    /**
     * @param side the longer side of the padded second pass (0: none)
     * @return a copy with it
     */
    public DetectorSettings withRetrySide(int side) {
        return new DetectorSettings(scoreThreshold, nmsThreshold, maxInputSide, maxFaces, side);
    }
}
