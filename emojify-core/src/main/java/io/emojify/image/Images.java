package io.emojify.image;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** Image helpers shared by the detectors and loaders. */
public final class Images {

    private Images() {}

    /**
     * Draws an image of any type, scaled with bilinear interpolation, into the top-left corner of a new image of a given
     * type and size (the rest stays black or transparent). Detectors use it to get the layout their network reads.
     *
     * @param source the image; not modified
     * @param width the width to scale to
     * @param height the height to scale to
     * @param canvasWidth the new image's width (at least {@code width})
     * @param canvasHeight the new image's height (at least {@code height})
     * @param type a {@code BufferedImage.TYPE_*} constant
     * @return the new image
     */
    public static BufferedImage scaledInto(BufferedImage source, int width, int height, int canvasWidth,
            int canvasHeight, int type) {
        BufferedImage out = new BufferedImage(canvasWidth, canvasHeight, type);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /**
     * Scales an image of any type into a new image of exactly that size and type.
     *
     * @param source the image; not modified
     * @param width the width
     * @param height the height
     * @param type a {@code BufferedImage.TYPE_*} constant
     * @return the new image
     */
    public static BufferedImage scaled(BufferedImage source, int width, int height, int type) {
        return scaledInto(source, width, height, width, height, type);
    }
}
