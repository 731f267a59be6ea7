package io.emojify.face;

/**
 * An axis-aligned box in image pixel coordinates: its top-left corner and its size.
 *
 * @param x the left edge
 * @param y the top edge
 * @param width the width, at least 0
 * @param height the height, at least 0
 */
public record BoundingBox(double x, double y, double width, double height) {

    /**
     * @param x the left edge
     * @param y the top edge
     * @param width the width, at least 0
     * @param height the height, at least 0
     * @throws IllegalArgumentException if a value is not finite or a side is negative
     */
    public BoundingBox {
        if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(width) || !Double.isFinite(height)
                || width < 0 || height < 0) {
            throw new IllegalArgumentException(
                    "Invalid box: x=" + x + " y=" + y + " width=" + width + " height=" + height);
        }
    }

    /**
     * Creates a box from two corners.
     *
     * @param x0 left
     * @param y0 top
     * @param x1 right
     * @param y1 bottom
     * @return the box (sides of at least 0)
     */
    public static BoundingBox fromCorners(double x0, double y0, double x1, double y1) {
        return new BoundingBox(x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0));
    }

    /** @return the right edge */
    public double right() {
        return x + width;
    }

    /** @return the bottom edge */
    public double bottom() {
        return y + height;
    }

    /** @return the centre */
    public Point center() {
        return new Point(x + width / 2, y + height / 2);
    }

    /** @return the area */
    public double area() {
        return width * height;
    }

    /**
     * Returns the intersection over union with another box.
     *
     * @param other the other box
     * @return 0 to 1
     */
    public double iou(BoundingBox other) {
        double ix = Math.max(0, Math.min(right(), other.right()) - Math.max(x, other.x));
        double iy = Math.max(0, Math.min(bottom(), other.bottom()) - Math.max(y, other.y));
        double inter = ix * iy;
        double union = area() + other.area() - inter;
        return union <= 0 ? 0 : inter / union;
    }

    /**
     * Returns the part of this box inside an image.
     *
     * @param imageWidth the image width
     * @param imageHeight the image height
     * @return the clipped box (possibly of zero size)
     */
    public BoundingBox clip(int imageWidth, int imageHeight) {
        double x0 = Math.min(Math.max(0, x), imageWidth);
        double y0 = Math.min(Math.max(0, y), imageHeight);
        double x1 = Math.min(Math.max(0, right()), imageWidth);
        double y1 = Math.min(Math.max(0, bottom()), imageHeight);
        return fromCorners(x0, y0, x1, y1);
    }

    /**
     * Scales every coordinate by a factor (for mapping between image scales).
     *
     * @param factor the factor
     * @return the scaled box
     */
    public BoundingBox scale(double factor) {
        return new BoundingBox(x * factor, y * factor, width * factor, height * factor);
    }
}
