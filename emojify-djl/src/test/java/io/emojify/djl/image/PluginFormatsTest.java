package io.emojify.djl.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emojify.image.ImageDecoder;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * With emojify-djl on the class path, the decoder also reads what the JDK cannot: CMYK JPEG and WebP (TwelveMonkeys
 * ImageIO plug-ins). The 64x48 files (white with a red top-left corner) were made for this project with ImageMagick: a
 * CMYK JPEG (ImageMagick stores CMYK as YCCK, Adobe transform 2) and a WebP.
 */
class PluginFormatsTest {

    private static BufferedImage read(String name) throws Exception {
        try (InputStream in = PluginFormatsTest.class.getResourceAsStream("/io/emojify/djl/images/" + name)) {
            return new ImageDecoder().read(in, name);
        }
    }

    private static void assertRedCorner(BufferedImage img) {
        assertEquals(64, img.getWidth());
        assertEquals(48, img.getHeight());
        int corner = img.getRGB(3, 3);
        int middle = img.getRGB(40, 30);
        assertTrue(((corner >> 16) & 0xff) > 180 && ((corner >> 8) & 0xff) < 90, Integer.toHexString(corner));
        assertTrue(((middle >> 8) & 0xff) > 200, "the rest is white: " + Integer.toHexString(middle));
    }

    @Test
    void cmykJpegStoredAsYcckDecodesWithTheRightColours() throws Exception {
        assertRedCorner(read("red-corner-ycck.jpg"));
    }

    @Test
    void webpDecodes() throws Exception {
        assertRedCorner(read("red-corner.webp"));
    }
}
