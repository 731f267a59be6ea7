package io.emojify.emotion;

import io.emojify.face.BoundingBox;
import io.emojify.face.Face;
import io.emojify.face.Landmarks;
import io.emojify.face.Point;
import io.emojify.image.Images;
import java.awt.image.BufferedImage;

/**
 * Cuts a face out of an image the way FER-2013 frames its faces: a square around the detector's box, scaled by
 * {@code cropScale} and shifted down by {@code cropShiftY} box heights, turned so that the eyes are level when landmarks
 * exist (a {@link Face#cropped() cropped} face's square is taken as it is), converted to grayscale ({@link Images#luma}:
 * a gray image's samples as stored, a colour one's BT.601 luma) and resized to the model's input with area averaging.
 * Parts of the square outside the image repeat the nearest edge pixel, so faces cut by the border still get a full crop.
 *
 * <p>This is the framing contract between a face detector and an emotion model trained on FER-2013-like crops: a
 * classifier on any runtime (not only DJL) that uses it sees faces framed as the shipped model and the trainer see them.
 *
 * <p>Immutable and thread-safe.
 */
public final class FaceCropper {

    private final int side;
    private final double cropScale;
    private final double cropShiftY;

    /**
     * @param side the model's input side in pixels
     * @param cropScale the crop side as a multiple of the box side
     * @param cropShiftY the crop centre's shift below the box centre, in box heights
     */
    public FaceCropper(int side, double cropScale, double cropShiftY) {
        if (side < 1 || !(cropScale > 0)) {
            throw new IllegalArgumentException("side " + side + " and cropScale " + cropScale + " must be positive");
        }
        this.side = side;
        this.cropScale = cropScale;
        this.cropShiftY = cropShiftY;
    }

    /** @return the output side */
    public int side() {
        return side;
    }

    /**
     * Crops one face.
     *
     * @param image the image; not modified
     * @param face the face
     * @return {@code side*side} gray values scaled to 0..1, row-major
     */
    public float[] crop(BufferedImage image, Face face) {
        BoundingBox box = face.box();
        double boxSide = Math.max(1, Math.max(box.width(), box.height()));
        boolean framed = face.cropped(); // already a face crop: the square around it as it is
        double cropSide = framed ? boxSide : boxSide * cropScale;
        Point c = box.center();
        double cx = c.x();
        double cy = c.y() + (framed ? 0 : cropShiftY * box.height());
        double angle = framed ? 0 : face.optLandmarks().map(Landmarks::eyeLineAngle).orElse(0.0);
        // supersample so that each output pixel averages about a block of source pixels
        int factor = 1;
        while (cropSide / (side * factor) > 1.5 && factor < 16) {
            factor *= 2;
        }
        int big = side * factor;
        double step = cropSide / big;
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        // source region that the rotated square covers
        double reach = cropSide * 0.75;
        int rx0 = clamp((int) Math.floor(cx - reach), 0, image.getWidth() - 1);
        int ry0 = clamp((int) Math.floor(cy - reach), 0, image.getHeight() - 1);
        int rx1 = clamp((int) Math.ceil(cx + reach), 0, image.getWidth() - 1);
        int ry1 = clamp((int) Math.ceil(cy + reach), 0, image.getHeight() - 1);
        int rw = rx1 - rx0 + 1;
        int rh = ry1 - ry0 + 1;
        float[] gray = Images.luma(image, rx0, ry0, rw, rh);
        float[] out = new float[side * side];
        float norm = 1f / (factor * factor * 255f);
        for (int y = 0; y < big; y++) {
            double v = (y + 0.5) * step - cropSide / 2;
            for (int x = 0; x < big; x++) {
                double u = (x + 0.5) * step - cropSide / 2;
                double sx = cx + u * cos - v * sin - rx0 - 0.5;
                double sy = cy + u * sin + v * cos - ry0 - 0.5;
                out[(y / factor) * side + x / factor] += bilinear(gray, rw, rh, sx, sy) * norm;
            }
        }
        return out;
    }

    private static float bilinear(float[] g, int w, int h, double sx, double sy) {
        int x0 = (int) Math.floor(sx);
        int y0 = (int) Math.floor(sy);
        float fx = (float) (sx - x0);
        float fy = (float) (sy - y0);
        int xa = clamp(x0, 0, w - 1);
        int xb = clamp(x0 + 1, 0, w - 1);
        int ya = clamp(y0, 0, h - 1);
        int yb = clamp(y0 + 1, 0, h - 1);
        float top = g[ya * w + xa] * (1 - fx) + g[ya * w + xb] * fx;
        float bottom = g[yb * w + xa] * (1 - fx) + g[yb * w + xb] * fx;
        return top * (1 - fy) + bottom * fy;
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
