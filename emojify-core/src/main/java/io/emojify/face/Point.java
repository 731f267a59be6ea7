package io.emojify.face;

/**
 * A point in image pixel coordinates (x to the right, y down).
 *
 * @param x the horizontal coordinate
 * @param y the vertical coordinate
 */
public record Point(double x, double y) {

    /**
     * @param x the horizontal coordinate
     * @param y the vertical coordinate
     * @throws IllegalArgumentException if a coordinate is not finite
     */
    public Point {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            throw new IllegalArgumentException("Point coordinates must be finite: (" + x + ", " + y + ")");
        }
    }
}
