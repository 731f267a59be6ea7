package io.emojify.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.util.List;

/** Synthetic images of every type, for tests. */
public final class TestImages {

    private TestImages() {}

    /**
     * Draws a simple scene (gradient, a disc and a bar) into a new image of a type.
     *
     * @param type a {@code BufferedImage.TYPE_*} constant
     * @param width the width
     * @param height the height
     * @return the image
     */
    public static BufferedImage scene(int type, int width, int height) {
        BufferedImage img = type == BufferedImage.TYPE_BYTE_INDEXED
                ? new BufferedImage(width, height, type, palette()) : new BufferedImage(width, height, type);
        Graphics2D g = img.createGraphics();
        try {
            g.setPaint(new java.awt.GradientPaint(0, 0, new Color(40, 80, 160), width, height, new Color(220, 200, 120)));
            g.fillRect(0, 0, width, height);
            g.setColor(new Color(230, 180, 150));
            g.fillOval(width / 4, height / 4, width / 2, height / 2);
            g.setColor(Color.DARK_GRAY);
            g.fillRect(width / 3, height * 2 / 3, width / 3, Math.max(1, height / 20));
        } finally {
            g.dispose();
        }
        return img;
    }

    /**
     * Draws the {@link #scene} in gray levels into a {@code TYPE_BYTE_GRAY} image.
     *
     * @param width the width
     * @param height the height
     * @return the image
     */
    public static BufferedImage grayScene(int width, int height) {
        BufferedImage colour = scene(BufferedImage.TYPE_INT_RGB, width, height);
        BufferedImage gray = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int p = colour.getRGB(x, y);
                gray.getRaster().setSample(x, y, 0, (((p >> 16) & 0xff) + ((p >> 8) & 0xff) + (p & 0xff)) / 3);
            }
        }
        return gray;
    }

    /**
     * Stores the levels of a {@code TYPE_BYTE_GRAY} image, unchanged, in a colour image of another type (every channel
     * the gray level, alpha opaque): the same picture in another storage.
     *
     * @param gray the gray image
     * @param type a colour {@code BufferedImage.TYPE_*} constant
     * @return the new image
     */
    public static BufferedImage sameGrayAs(BufferedImage gray, int type) {
        BufferedImage out = new BufferedImage(gray.getWidth(), gray.getHeight(), type);
        for (int y = 0; y < gray.getHeight(); y++) {
            for (int x = 0; x < gray.getWidth(); x++) {
                int v = gray.getRaster().getSample(x, y, 0);
                out.setRGB(x, y, 0xff000000 | v << 16 | v << 8 | v);
            }
        }
        return out;
    }

    /**
     * Returns the colour types that store 8 bits per channel, with and without alpha, in RGB and BGR order.
     *
     * @return the {@code BufferedImage.TYPE_*} constants
     */
    public static List<Integer> colourTypes() {
        return List.of(BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_BGR, BufferedImage.TYPE_3BYTE_BGR,
                BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_INT_ARGB_PRE, BufferedImage.TYPE_4BYTE_ABGR);
    }

    private static IndexColorModel palette() {
        byte[] r = new byte[256];
        byte[] g = new byte[256];
        byte[] b = new byte[256];
        for (int i = 0; i < 256; i++) {
            r[i] = (byte) ((i >> 5) * 36);
            g[i] = (byte) (((i >> 2) & 7) * 36);
            b[i] = (byte) ((i & 3) * 85);
        }
        return new IndexColorModel(8, 256, r, g, b);
    }

    /**
     * Returns every image type the library must accept: gray 8 and 16 bit, RGB, BGR, ARGB, premultiplied ARGB, indexed.
     *
     * @return the {@code BufferedImage.TYPE_*} constants
     */
    public static List<Integer> allTypes() {
        return List.of(BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_USHORT_GRAY, BufferedImage.TYPE_INT_RGB,
                BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_INT_ARGB_PRE,
                BufferedImage.TYPE_4BYTE_ABGR, BufferedImage.TYPE_BYTE_INDEXED, BufferedImage.TYPE_USHORT_565_RGB);
    }

    /**
     * Copies every pixel of an image (as ARGB), to check later that it was not modified.
     *
     * @param img the image
     * @return the pixels
     */
    public static int[] pixels(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }

    /**
     * Inserts an APP1 Exif segment with one IFD entry (orientation) after a JPEG's SOI marker, as a phone camera writes.
     *
     * @param jpeg a JPEG file's bytes
     * @param orientation the EXIF orientation, 1 to 8
     * @return the JPEG with the segment
     */
    public static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        java.nio.ByteBuffer tiff = java.nio.ByteBuffer.allocate(26);
        tiff.put(new byte[] {'M', 'M', 0, 42}).putInt(8).putShort((short) 1);
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0);
        byte[] t = tiff.array();
        int len = 2 + 6 + t.length;
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(jpeg.length + 2 + len);
        out.put(jpeg, 0, 2).put((byte) 0xFF).put((byte) 0xE1).putShort((short) len);
        out.put(new byte[] {'E', 'x', 'i', 'f', 0, 0}).put(t).put(jpeg, 2, jpeg.length - 2);
        return out.array();
    }
}
