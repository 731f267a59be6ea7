package io.emojify.image;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/**
 * Reads the EXIF orientation (tag 0x0112) of a JPEG and turns an image upright, so that a phone photo is not sideways.
 * The parser reads only the first APP1 Exif segment's first IFD, and gives 1 (upright) for anything it cannot read.
 */
final class ExifOrientation {

    private ExifOrientation() {}

    /**
     * @param bytes the file's bytes
     * @return the orientation, 1 to 8 (1 when absent or unreadable)
     */
    static int read(byte[] bytes) {
        try {
            if (bytes.length < 4 || (bytes[0] & 0xff) != 0xFF || (bytes[1] & 0xff) != 0xD8) {
                return 1;
            }
            int p = 2;
            while (p + 4 <= bytes.length) {
                if ((bytes[p] & 0xff) != 0xFF) {
                    return 1;
                }
                int marker = bytes[p + 1] & 0xff;
                int len = ((bytes[p + 2] & 0xff) << 8) | (bytes[p + 3] & 0xff);
                if (marker == 0xDA || len < 2) {
                    return 1; // start of scan: no Exif before the image data
                }
                if (marker == 0xE1 && len >= 16 && p + 2 + len <= bytes.length && bytes[p + 4] == 'E'
                        && bytes[p + 5] == 'x' && bytes[p + 6] == 'i' && bytes[p + 7] == 'f') {
                    return fromTiff(bytes, p + 10, p + 2 + len);
                }
                p += 2 + len;
            }
        } catch (RuntimeException e) {
            return 1;
        }
        return 1;
    }

    private static int fromTiff(byte[] b, int tiff, int end) {
        boolean little = b[tiff] == 'I';
        int ifd = tiff + u32(b, tiff + 4, little);
        if (ifd < tiff || ifd + 2 > end) {
            return 1;
        }
        int entries = u16(b, ifd, little);
        for (int i = 0; i < entries; i++) {
            int e = ifd + 2 + i * 12;
            if (e + 12 > end) {
                return 1;
            }
            if (u16(b, e, little) == 0x0112) {
                int v = u16(b, e + 8, little);
                return v >= 1 && v <= 8 ? v : 1;
            }
        }
        return 1;
    }

    private static int u16(byte[] b, int p, boolean little) {
        return little ? (b[p] & 0xff) | ((b[p + 1] & 0xff) << 8) : ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
    }

    private static int u32(byte[] b, int p, boolean little) {
        return little ? u16(b, p, true) | (u16(b, p + 2, true) << 16) : (u16(b, p, false) << 16) | u16(b, p + 2, false);
    }

    /**
     * Turns an image upright according to its EXIF orientation, keeping its type (a gray image stays gray, 16-bit stays
     * 16-bit), so that no colour conversion happens here.
     *
     * @param img the decoded image
     * @param orientation 1 to 8
     * @return the upright image (the same one for orientation 1)
     */
    static BufferedImage apply(BufferedImage img, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return img;
        }
        int w = img.getWidth();
        int h = img.getHeight();
        boolean swap = orientation >= 5;
        int ow = swap ? h : w;
        int oh = swap ? w : h;
        ColorModel cm = img.getColorModel();
        Raster src = img.getRaster();
        int type = img.getType();
        boolean standard = type != BufferedImage.TYPE_CUSTOM && type != BufferedImage.TYPE_BYTE_INDEXED
                && type != BufferedImage.TYPE_BYTE_BINARY;
        BufferedImage out = standard ? new BufferedImage(ow, oh, type)
                : new BufferedImage(cm, cm.createCompatibleWritableRaster(ow, oh), cm.isAlphaPremultiplied(), null);
        WritableRaster raster = out.getRaster();
        Object pixel = null; // one pixel in the raster's own layout: samples move, nothing is converted
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
                    case 4 -> { sx = x; sy = h - 1 - y; }
                    case 5 -> { sx = y; sy = x; }
                    case 6 -> { sx = y; sy = h - 1 - x; }
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }
                    default -> { sx = w - 1 - y; sy = x; } // 8
                }
                pixel = src.getDataElements(sx, sy, pixel);
                raster.setDataElements(x, y, pixel);
            }
        }
        return out;
    }
}
