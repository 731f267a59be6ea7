package io.emojify.track;

/**
 * How {@link FaceTracker} follows faces and steadies their emoji.
 *
 * @param minIou a detection continues a track when their boxes overlap at least this much (0 to 1) ...
 * @param maxCentreShift ... or, failing that, when its centre is within this many box sides of the track's
 * @param maxMissedFrames a track the detector misses is kept (drawn at its last place) for this many frames
 * @param probabilitySmoothing weight of the newest frame in the moving average of the probabilities (0 to 1; 1 is none)
 * @param boxSmoothing weight of the newest frame in the moving average of the box and landmarks (0 to 1; 1 is none)
 * @param switchMargin another emotion must beat the shown one's smoothed probability by this much ...
 * @param switchFrames ... for this many consecutive frames before the emoji switches (hysteresis)
 */
public record TrackerSettings(double minIou, double maxCentreShift, int maxMissedFrames, double probabilitySmoothing,
        double boxSmoothing, double switchMargin, int switchFrames) {

    /** The defaults: IoU 0.3 or half a box side, 5 missed frames, smoothing 0.3 and 0.5, margin 0.1 for 4 frames. */
    public static final TrackerSettings DEFAULT = new TrackerSettings(0.3, 0.5, 5, 0.3, 0.5, 0.1, 4);

    /**
     * @param minIou a detection continues a track when their boxes overlap at least this much (0 to 1) ...
     * @param maxCentreShift ... or, failing that, when its centre is within this many box sides of the track's
     * @param maxMissedFrames a track the detector misses is kept (drawn at its last place) for this many frames
     * @param probabilitySmoothing weight of the newest frame in the moving average of the probabilities (0 to 1; 1 is none)
     * @param boxSmoothing weight of the newest frame in the moving average of the box and landmarks (0 to 1; 1 is none)
     * @param switchMargin another emotion must beat the shown one's smoothed probability by this much ...
     * @param switchFrames ... for this many consecutive frames before the emoji switches (hysteresis)
     * @throws IllegalArgumentException naming the value out of range
     */
    public TrackerSettings {
        check("minIou", minIou, 0, 1);
        check("maxCentreShift", maxCentreShift, 0, 10);
        check("probabilitySmoothing", probabilitySmoothing, 0.01, 1);
        check("boxSmoothing", boxSmoothing, 0.01, 1);
        check("switchMargin", switchMargin, 0, 1);
        if (maxMissedFrames < 0 || switchFrames < 1) {
            throw new IllegalArgumentException("maxMissedFrames must be at least 0 and switchFrames at least 1, were "
                    + maxMissedFrames + " and " + switchFrames);
        }
    }

    private static void check(String name, double v, double lo, double hi) {
        if (!(v >= lo && v <= hi)) {
            throw new IllegalArgumentException(name + " must be " + lo + " to " + hi + ", was " + v);
        }
    }
}
