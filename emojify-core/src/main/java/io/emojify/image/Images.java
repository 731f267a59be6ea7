package io.emojify.image;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;

/**
 * Image helpers shared by the detectors, the classifiers and the trainer's loader, among them the project's one grayscale
 * conversion ({@link #luma}).
 */
public final class Images {

    private static final float RED = 0.299f;
    private static final float GREEN = 0.587f;
    private static final float BLUE = 0.114f;

    private Images() {}

    /**
     * Returns the gray values of a region, 0 to 255, the one grayscale conversion of the project: a grayscale image gives
     * its stored samples as they are (8-bit as stored, 16-bit scaled to 0..255), a colour image the ITU-R BT.601 luma of
     * its sRGB values ({@code 0.299 R + 0.587 G + 0.114 B}); alpha is ignored. So the same picture stored as gray, RGB,
     * BGR, with or without alpha, gives the same values. ({@code BufferedImage.getRGB} on a gray image would first map
     * its samples through Java's linear gray colour space, turning 50 into 122.)
     *
     * @param image the image, of any type
     * @param x the region's left column
     * @param y the region's top row
     * @param width the region's width
     * @param height the region's height
     * @return {@code width * height} values, row-major
     */
    public static float[] luma(BufferedImage image, int x, int y, int width, int height) {
        float[] out = new float[width * height];
        if (isGray(image)) {
            Raster raster = image.getRaster();
            int[] samples = raster.getSamples(x, y, width, height, 0, (int[]) null);
            int bits = image.getColorModel().getComponentSize(0);
            float scale = 255f / ((1 << bits) - 1);
            for (int i = 0; i < samples.length; i++) {
                out[i] = samples[i] * scale;
            }
            return out;
        }
        int[] rgb = image.getRGB(x, y, width, height, null, 0, width);
        for (int i = 0; i < rgb.length; i++) {
            int p = rgb[i];
            out[i] = RED * ((p >> 16) & 0xff) + GREEN * ((p >> 8) & 0xff) + BLUE * (p & 0xff);
        }
        return out;
    }

    /**
     * Converts an image to 8-bit grayscale with {@link #luma}, rounding to the nearest level. A
     * {@code TYPE_BYTE_GRAY} image is copied as it is.
     *
     * @param image the image, of any type; not modified
     * @return a new {@code TYPE_BYTE_GRAY} image of the same size
     */
    public static BufferedImage toGray(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage gray = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        float[] values = luma(image, 0, 0, w, h);
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) Math.min(255, Math.round(values[i]));
        }
        gray.getRaster().setDataElements(0, 0, w, h, bytes);
        return gray;
    }

    /**
     * Tells whether an image stores one gray channel (with or without alpha), as 8- or 16-bit samples.
     *
     * @param image the image
     * @return true for a grayscale image
     */
    static boolean isGray(BufferedImage image) {
        var cm = image.getColorModel();
        int type = image.getRaster().getDataBuffer().getDataType();
        return cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY && !(cm instanceof java.awt.image.IndexColorModel)
                && (type == DataBuffer.TYPE_BYTE || type == DataBuffer.TYPE_USHORT);
    }

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
