package io.emojify.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Fer2013LoaderTest {

    private static void write(Path file, int value, int size) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                img.getRaster().setSample(x, y, 0, (value + x * 3 + y) & 0xff);
            }
        }
        ImageIO.write(img, "png", file.toFile());
    }

    @Test
    void folderQuirksAreCountedNotFatal(@TempDir Path dir) throws Exception {
        write(dir.resolve("happy/a.png"), 10, 48);
        write(dir.resolve("happy/dup.png"), 10, 48);
        write(dir.resolve("sad/b.png"), 50, 96); // another size: resized
        write(dir.resolve("sad/twice.png"), 70, 48);
        write(dir.resolve("angry/twice.png"), 70, 48); // the same id in two classes: dropped
        Files.createDirectories(dir.resolve("fear"));
        Files.writeString(dir.resolve("fear/broken.png"), "not an image");
        BufferedImage blank = new BufferedImage(48, 48, BufferedImage.TYPE_BYTE_GRAY);
        ImageIO.write(blank, "png", dir.resolve("fear/blank.png").toFile());
        Fer2013Loader.Report r = new Fer2013Loader.Report();
        FaceSet set = Fer2013Loader.loadFolder(dir, r);
        assertEquals(3, set.size());
        assertEquals(1, r.blank);
        assertEquals(2, r.conflicting);
        assertEquals(1, r.duplicates);
        assertEquals(1, r.unreadable.size());
        assertTrue(r.unreadable.get(0).contains("broken.png"));
        assertEquals(64, r.checksum.length());
    }

    @Test
    void csvRowsAreReadBySplitAndBadRowsSkipped(@TempDir Path dir) throws Exception {
        StringBuilder px = new StringBuilder();
        for (int i = 0; i < 48 * 48; i++) {
            px.append(i % 256).append(i < 48 * 48 - 1 ? " " : "");
        }
        Path csv = dir.resolve("fer2013.csv");
        Files.writeString(csv, "emotion,pixels,Usage\n3," + px + ",Training\n4," + px + ",PublicTest\n"
                + "9," + px + ",Training\n2,1 2 3,Training\n");
        Fer2013Loader.Report r = new Fer2013Loader.Report();
        FaceSet train = Fer2013Loader.loadCsv(csv, Set.of("Training"), r);
        assertEquals(1, train.size());
        assertEquals(3, train.label(0));
        assertEquals(2, r.unreadable.size());
        assertEquals(1, Fer2013Loader.loadCsv(csv, Set.of("PublicTest"), null).size());
        Files.writeString(dir.resolve("other.csv"), "a,b\n1,2\n");
        IOException e = assertThrows(IOException.class,
                () -> Fer2013Loader.loadCsv(dir.resolve("other.csv"), Set.of("Training"), null));
        assertTrue(e.getMessage().contains("emotion,pixels,Usage"));
    }

    @Test
    void augmentationYieldsTheRightSamplesInRangeAndIsSeeded() {
        byte[] src = new byte[48 * 48];
        for (int i = 0; i < src.length; i++) {
            src[i] = (byte) (i % 200);
        }
        Augmentation ten = new Augmentation(true, 40);
        float[] a = new float[10 * 40 * 40];
        float[] b = new float[10 * 40 * 40];
        ten.augment(src, new SplittableRandom(5), a, 0);
        ten.augment(src, new SplittableRandom(5), b, 0);
        assertEquals(10, ten.samplesPerImage());
        org.junit.jupiter.api.Assertions.assertArrayEquals(a, b);
        for (float v : a) {
            assertTrue(v >= 0 && v <= 1, "pixel " + v);
        }
        float[] whole = Augmentation.whole(src, 48);
        assertEquals(199 / 255f, whole[199], 1e-6);
        assertEquals(10, Augmentation.tenCrops(src, 48).length);
    }
}
