package io.emojify.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** Every EXIF orientation, on a gray and a colour image whose pixels are all different, against the EXIF definition. */
class ExifOrientationTest {

    @Test
    void everyOrientationMovesEachPixelWhereExifSaysAndKeepsTheImageType() {
        for (int type : new int[] {BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_3BYTE_BGR,
                BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_USHORT_GRAY}) {
            int w = 5;
            int h = 3;
            BufferedImage img = new BufferedImage(w, h, type);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int b = 0; b < img.getRaster().getNumBands(); b++) {
                        img.getRaster().setSample(x, y, b, 10 * y + x + 1 + 50 * b);
                    }
                }
            }
            for (int o = 1; o <= 8; o++) {
                BufferedImage out = ExifOrientation.apply(img, o);
                boolean swap = o >= 5;
                assertEquals(swap ? h : w, out.getWidth(), "width, orientation " + o);
                assertEquals(swap ? w : h, out.getHeight(), "height, orientation " + o);
                assertEquals(type, out.getType(), "type, orientation " + o);
                for (int y = 0; y < out.getHeight(); y++) {
                    for (int x = 0; x < out.getWidth(); x++) {
                        int[] s = source(o, x, y, w, h);
                        for (int b = 0; b < img.getRaster().getNumBands(); b++) {
                            assertEquals(img.getRaster().getSample(s[0], s[1], b), out.getRaster().getSample(x, y, b),
                                    "orientation " + o + " at " + x + "," + y + " band " + b + " type " + type);
                        }
                    }
                }
            }
        }
    }

    /** Where the upright pixel (x, y) is stored, by the EXIF definition of each orientation. */
    private static int[] source(int orientation, int x, int y, int w, int h) {
        return switch (orientation) {
            case 1 -> new int[] {x, y};
            case 2 -> new int[] {w - 1 - x, y};
            case 3 -> new int[] {w - 1 - x, h - 1 - y};
            case 4 -> new int[] {x, h - 1 - y};
            case 5 -> new int[] {y, x};
            case 6 -> new int[] {y, h - 1 - x};
            case 7 -> new int[] {w - 1 - y, h - 1 - x};
            default -> new int[] {w - 1 - y, x};
        };
    }
}
