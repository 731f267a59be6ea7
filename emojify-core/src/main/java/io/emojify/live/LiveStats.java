package io.emojify.live;

/**
 * What a session has done so far.
 *
 * @param analysesPerSecond frames analysed per second over the last two seconds (or since the start, if shorter)
 * @param offered frames offered (or submitted)
 * @param dropped frames dropped without a result (a newer frame came while they waited, or the session closed)
 * @param analysed frames analysed with a result
 * @param failed frames whose analysis failed
 * @param latencyMedianMillis median milliseconds from a frame's capture time to its result, over the last
 *     100 results (0 before the first)
 * @param latencyP95Millis the 95th percentile of the same
 */
public record LiveStats(double analysesPerSecond, long offered, long dropped, long analysed, long failed,
        double latencyMedianMillis, double latencyP95Millis) {}
