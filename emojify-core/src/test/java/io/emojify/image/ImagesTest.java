package io.emojify.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** The one grayscale conversion: the same picture in every storage gives the same gray values. */
class ImagesTest {

    @Test
    void grayRgbBgrAndAlphaStoragesOfOnePictureGiveTheSameGrayValues() {
        int w = 16;
        int h = 16;
        BufferedImage gray = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < w * h; i++) {
            gray.getRaster().setSample(i % w, i / w, 0, i); // every level 0..255
        }
        float[] expected = new float[w * h];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = i;
        }
        assertArrayEquals(expected, Images.luma(gray, 0, 0, w, h), 0f, "gray samples are read as stored");
        for (int type : new int[] {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_INT_ARGB,
                BufferedImage.TYPE_4BYTE_ABGR, BufferedImage.TYPE_INT_BGR}) {
            BufferedImage colour = new BufferedImage(w, h, type);
            for (int i = 0; i < w * h; i++) {
                colour.setRGB(i % w, i / w, 0xff000000 | i * 0x010101);
            }
            assertArrayEquals(expected, Images.luma(colour, 0, 0, w, h), 1e-3f, "type " + type);
        }
        BufferedImage wide = new BufferedImage(w, h, BufferedImage.TYPE_USHORT_GRAY);
        for (int i = 0; i < w * h; i++) {
            wide.getRaster().setSample(i % w, i / w, 0, i * 257);
        }
        assertArrayEquals(expected, Images.luma(wide, 0, 0, w, h), 1e-3f, "16-bit gray");
    }

    @Test
    void lumaWeighsTheChannelsAsBt601AndToGrayRounds() {
        BufferedImage img = new BufferedImage(3, 1, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0xff0000);
        img.setRGB(1, 0, 0x00ff00);
        img.setRGB(2, 0, 0x0000ff);
        assertArrayEquals(new float[] {0.299f * 255, 0.587f * 255, 0.114f * 255}, Images.luma(img, 0, 0, 3, 1), 1e-3f);
        BufferedImage g = Images.toGray(img);
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, g.getType());
        assertEquals(76, g.getRaster().getSample(0, 0, 0));
        assertEquals(150, g.getRaster().getSample(1, 0, 0));
        assertEquals(29, g.getRaster().getSample(2, 0, 0));
    }
}
