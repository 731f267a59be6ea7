package io.emojify.djl.face;

/**
 * The settings of the DJL face detectors.
 *
 * @param scoreThreshold faces below this confidence are dropped (0 to 1)
 * @param nmsThreshold boxes that overlap a more confident box by more than this IoU are dropped (0 to 1)
 * @param maxInputSide the image is scaled down before detection so that its longer side is at most this (detection cost
 *     grows with the pixel count; boxes are mapped back to the full image); 0 keeps the full size
 * @param maxFaces at most this many faces are returned, the most confident
 */
public record DetectorSettings(double scoreThreshold, double nmsThreshold, int maxInputSide, int maxFaces) {

    /** The defaults: score 0.9 (OpenCV's default for YuNet; at 0.6 YuNet takes a dog for a face), NMS 0.3, longer side 640, 500 faces. */
    public static final DetectorSettings DEFAULT = new DetectorSettings(0.9, 0.3, 640, 500);

    /**
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
    }

    /**
     * @param threshold the score threshold
     * @return a copy with it
     */
    public DetectorSettings withScoreThreshold(double threshold) {
        return new DetectorSettings(threshold, nmsThreshold, maxInputSide, maxFaces);
    }

    /**
     * @param side the longest side to detect at (0: full size)
     * @return a copy with it
     */
    public DetectorSettings withMaxInputSide(int side) {
        return new DetectorSettings(scoreThreshold, nmsThreshold, side, maxFaces);
    }
}
