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
        Augmentation ten = new Augmentation(10, 40);
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

    @Test
    void oneCropPerFaceGivesOneFortyPixelCropThatVariesWithTheSeed() {
        byte[] src = new byte[48 * 48];
        for (int i = 0; i < src.length; i++) {
            src[i] = (byte) (40 + i % 150);
        }
        Augmentation one = new Augmentation(1, 40);
        assertEquals(1, one.samplesPerImage());
        float[] a = new float[40 * 40];
        float[] b = new float[40 * 40];
        float[] c = new float[40 * 40];
        one.augment(src, new SplittableRandom(7), a, 0);
        one.augment(src, new SplittableRandom(7), b, 0);
        org.junit.jupiter.api.Assertions.assertArrayEquals(a, b);
        boolean differs = false;
        for (int seed = 8; seed < 20 && !differs; seed++) {
            one.augment(src, new SplittableRandom(seed), c, 0);
            differs = !java.util.Arrays.equals(a, c);
        }
        assertTrue(differs, "every seed gave the same crop");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new Augmentation(3, 40));
        assertTrue(e.getMessage().contains("was 3"), e.getMessage());
    }

    private static String pixels(java.util.function.IntUnaryOperator value) {
        StringBuilder px = new StringBuilder();
        for (int i = 0; i < 48 * 48; i++) {
            px.append(value.applyAsInt(i)).append(i < 48 * 48 - 1 ? " " : "");
        }
        return px.toString();
    }

    @Test
    void csvRowsWithPixelValuesOutsideTheByteRangeAreRefusedAndCounted(@TempDir Path dir) throws Exception {
        String good = pixels(i -> i % 256);
        String tooBright = pixels(i -> i == 100 ? 999 : i % 256);
        String negative = pixels(i -> i == 7 ? -1 : i % 256);
        Path csv = Files.writeString(dir.resolve("fer2013.csv"), "emotion,pixels,Usage\n3," + good + ",Training\n"
                + "4," + tooBright + ",Training\n5," + negative + ",Training\n");
        Fer2013Loader.Report r = new Fer2013Loader.Report();
        FaceSet set = Fer2013Loader.loadCsv(csv, Set.of("Training"), r);
        assertEquals(1, set.size(), "rows whose values would wrap around a byte are not faces");
        assertEquals(3, set.label(0));
        assertEquals(2, r.outOfRange);
        assertEquals(2, r.unreadable.size());
        assertTrue(r.unreadable.get(0).contains("row 3") && r.unreadable.get(0).contains("999"), r.unreadable.toString());
        assertTrue(r.toString().contains("pixelsOutOfRange=2"), r.toString());
    }

    @Test
    void garbageRowsAreCountedAndQuotedFieldsRead(@TempDir Path dir) throws Exception {
        String px = pixels(i -> (i * 7) % 256);
        Path csv = Files.writeString(dir.resolve("fer2013.csv"), "emotion,pixels,Usage\n"
                + "2,\"" + px + "\",\"Training\"\n" // quoted fields, as a spreadsheet saves them: read
                + "hello world\n" // garbage: dropped and counted
                + "1," + px + ",Trianing\n" // an unknown usage: dropped and counted
                + "1,12 abc 7,Training\n" // text among the pixels: dropped and counted
                + "6," + px + ",Training,surplus\n" // a fourth field: dropped and counted
                + "\n"); // a blank line: ignored
        Fer2013Loader.Report r = new Fer2013Loader.Report();
        FaceSet set = Fer2013Loader.loadCsv(csv, Set.of("Training"), r);
        assertEquals(1, set.size());
        assertEquals(2, set.label(0));
        assertEquals(4, r.malformed, r.unreadable.toString());
        assertEquals(4, r.unreadable.size());
        assertEquals(0, r.outOfRange);
        Path headerOnly = Files.writeString(dir.resolve("empty.csv"), "emotion,pixels,Usage\n");
        assertEquals(0, Fer2013Loader.loadCsv(headerOnly, Set.of("PublicTest"), null).size());
    }

    @Test
    void folderImagesAreDecodedByTheLibrarysDecoder(@TempDir Path dir) throws Exception {
        write(dir.resolve("happy/a.png"), 10, 48);
        // a JPEG cut in the middle: ImageIO.read decodes it with a grey lower half and no error
        BufferedImage photo = new BufferedImage(96, 96, BufferedImage.TYPE_BYTE_GRAY);
        SplittableRandom random = new SplittableRandom(3);
        for (int y = 0; y < 96; y++) {
            for (int x = 0; x < 96; x++) {
                photo.getRaster().setSample(x, y, 0, random.nextInt(256));
            }
        }
        java.io.ByteArrayOutputStream jpeg = new java.io.ByteArrayOutputStream();
        ImageIO.write(photo, "jpg", jpeg);
        Files.write(dir.resolve("happy/cut.jpg"), java.util.Arrays.copyOf(jpeg.toByteArray(), jpeg.size() / 2));
        // a PNG declaring 100000x100000 pixels in a few dozen bytes
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY), "png", png);
        byte[] b = png.toByteArray();
        java.nio.ByteBuffer.wrap(b).putInt(16, 100_000).putInt(20, 100_000);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(b, 12, 17);
        java.nio.ByteBuffer.wrap(b).putInt(29, (int) crc.getValue());
        Files.createDirectories(dir.resolve("sad"));
        Files.write(dir.resolve("sad/bomb.png"), b);
        Fer2013Loader.Report r = new Fer2013Loader.Report();
        FaceSet set = Fer2013Loader.loadFolder(dir, r);
        assertEquals(1, set.size());
        assertEquals(2, r.unreadable.size(), r.unreadable.toString());
        assertTrue(r.unreadable.stream().anyMatch(u -> u.endsWith("cut.jpg")), r.unreadable.toString());
        assertTrue(r.unreadable.stream().anyMatch(u -> u.endsWith("bomb.png")), r.unreadable.toString());
    }
}
