package io.emojify.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emojify.EmojifyException;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageOutputStream;
import io.emojify.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What real files contain: every case either decodes correctly or fails with the library's own exception. */
class ImageDecoderTest {

    private final ImageDecoder decoder = new ImageDecoder();

    private static BufferedImage marked(int type, int w, int h) {
        BufferedImage img = new BufferedImage(w, h, type);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.RED);
        g.fillRect(0, 0, w / 4, h / 4); // a red top-left corner
        g.dispose();
        return img;
    }

    private static byte[] encode(BufferedImage img, String format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(img, format, out), "no writer for " + format);
        return out.toByteArray();
    }

    private static boolean reddish(int rgb) {
        return ((rgb >> 16) & 0xff) > 150 && ((rgb >> 8) & 0xff) < 100;
    }

    @Test
    void commonFormatsAndTypesDecode() throws Exception {
        assertEquals(40, decoder.read(encode(marked(BufferedImage.TYPE_INT_RGB, 40, 30), "jpg"), "a.jpg").getWidth());
        assertEquals(30, decoder.read(encode(marked(BufferedImage.TYPE_INT_ARGB, 40, 30), "png"), "a.png").getHeight());
        assertEquals(40, decoder.read(encode(marked(BufferedImage.TYPE_BYTE_GRAY, 40, 30), "png"), "g.png").getWidth());
        assertEquals(40, decoder.read(encode(marked(BufferedImage.TYPE_USHORT_GRAY, 40, 30), "png"), "16.png")
                .getWidth());
        BufferedImage indexed = new BufferedImage(40, 30, BufferedImage.TYPE_BYTE_INDEXED,
                (IndexColorModel) new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_INDEXED).getColorModel());
        assertEquals(40, decoder.read(encode(indexed, "png"), "p.png").getWidth());
        assertEquals(40, decoder.read(encode(marked(BufferedImage.TYPE_INT_RGB, 40, 30), "gif"), "a.gif").getWidth());
        assertEquals(40, decoder.read(encode(marked(BufferedImage.TYPE_INT_RGB, 40, 30), "bmp"), "a.bmp").getWidth());
    }

    @Test
    void progressiveJpegDecodes() throws Exception {
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam p = w.getDefaultWriteParam();
        p.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            w.setOutput(out);
            w.write(null, new IIOImage(marked(BufferedImage.TYPE_INT_RGB, 64, 48), null, null), p);
        }
        w.dispose();
        BufferedImage img = decoder.read(bytes.toByteArray(), "progressive.jpg");
        assertTrue(reddish(img.getRGB(2, 2)));
    }

    @Test
    void exifOrientationTurnsThePhotoUpright() throws Exception {
        byte[] jpeg = encode(marked(BufferedImage.TYPE_INT_RGB, 80, 40), "jpg");
        // the red corner is top-left as stored; for each EXIF orientation, the size and the corner where it must end up
        // once the photo is shown as the camera saw it (TIFF 6.0 / EXIF 2.3, tag 0x0112)
        Object[][] cases = {
            {1, 80, 40, 2, 2}, // as stored
            {2, 80, 40, 77, 2}, // mirrored left-right
            {3, 80, 40, 77, 37}, // turned 180 degrees
            {4, 80, 40, 2, 37}, // mirrored top-bottom
            {5, 40, 80, 2, 2}, // mirrored about the main diagonal
            {6, 40, 80, 37, 2}, // turned 90 degrees clockwise
            {7, 40, 80, 37, 77}, // mirrored about the other diagonal
            {8, 40, 80, 2, 77}, // turned 90 degrees anticlockwise
        };
        for (Object[] c : cases) {
            int orientation = (int) c[0];
            BufferedImage img = decoder.read(TestImages.withExifOrientation(jpeg, orientation), "phone.jpg");
            String what = "orientation " + orientation;
            assertEquals(c[1], img.getWidth(), what);
            assertEquals(c[2], img.getHeight(), what);
            int rx = (int) c[3];
            int ry = (int) c[4];
            assertTrue(reddish(img.getRGB(rx, ry)), what + ": red at " + rx + "," + ry);
            // and only there: the opposite corner is white
            assertTrue(!reddish(img.getRGB(img.getWidth() - 1 - rx, img.getHeight() - 1 - ry)), what);
        }
    }

    @Test
    void aDecompressionBombIsRefusedBeforeDecoding() throws Exception {
        byte[] png = encode(marked(BufferedImage.TYPE_INT_RGB, 8, 8), "png");
        ByteBuffer b = ByteBuffer.wrap(png);
        b.putInt(16, 100_000);
        b.putInt(20, 100_000); // IHDR width and height
        CRC32 crc = new CRC32();
        crc.update(png, 12, 17);
        b.putInt(29, (int) crc.getValue());
        ImageDecodingException e = assertThrows(ImageDecodingException.class, () -> decoder.read(png, "bomb.png"));
        assertTrue(e.getMessage().contains("100000x100000") && e.getMessage().contains("bomb.png"), e.getMessage());
    }

    @Test
    void brokenFilesAreTheLibrarysErrorNamingTheFile(@TempDir Path dir) throws Exception {
        Path empty = Files.write(dir.resolve("empty.jpg"), new byte[0]);
        Path text = Files.writeString(dir.resolve("notes.jpg"), "this is not a JPEG");
        byte[] jpeg = encode(marked(BufferedImage.TYPE_INT_RGB, 200, 200), "jpg");
        Path truncated = Files.write(dir.resolve("cut.jpg"), Arrays.copyOf(jpeg, 20));
        for (Path p : new Path[] {empty, text, truncated, dir.resolve("missing.jpg")}) {
            EmojifyException e = assertThrows(ImageDecodingException.class, () -> decoder.read(p));
            assertTrue(e.getMessage().contains(p.getFileName().toString()), e.getMessage());
        }
        assertThrows(ImageDecodingException.class, () -> decoder.read((Path) null));
    }

    /** A photo-like JPEG: noise, so that the scan data is most of the file, as in a photo. */
    private static byte[] noisyJpeg(int w, int h, boolean progressive) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, (x * 2) << 16 | (y * 2) << 8 | random.nextInt(256));
            }
        }
        ImageWriter w2 = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam p = w2.getDefaultWriteParam();
        if (progressive) {
            p.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            w2.setOutput(out);
            w2.write(null, new IIOImage(img, null, null), p);
        }
        w2.dispose();
        return bytes.toByteArray();
    }

    /** Inserts an APP13 segment holding a small complete JPEG (as a thumbnail would be) after the SOI marker. */
    private static byte[] withEmbeddedJpeg(byte[] jpeg, byte[] thumbnail) {
        int len = 2 + thumbnail.length;
        ByteBuffer out = ByteBuffer.allocate(jpeg.length + 2 + len);
        out.put(jpeg, 0, 2).put((byte) 0xFF).put((byte) 0xED).putShort((short) len).put(thumbnail);
        out.put(jpeg, 2, jpeg.length - 2);
        return out.array();
    }

    @Test
    void aJpegCutAnywhereIsRefusedAsTruncatedNamingTheFile(@TempDir Path dir) throws Exception {
        byte[] thumbnail = noisyJpeg(16, 16, false);
        for (byte[] jpeg : List.of(noisyJpeg(160, 120, false), noisyJpeg(160, 120, true),
                withEmbeddedJpeg(noisyJpeg(160, 120, false), thumbnail))) {
            assertEquals(160, decoder.read(jpeg, "whole.jpg").getWidth(), "the complete file decodes");
            for (int percent = 10; percent <= 99; percent++) {
                byte[] cut = Arrays.copyOf(jpeg, jpeg.length * percent / 100);
                ImageDecodingException e = assertThrows(ImageDecodingException.class,
                        () -> decoder.read(cut, "holiday.jpg"), "cut at " + percent + "%");
                assertTrue(e.getMessage().contains("holiday.jpg") && e.getMessage().contains("truncated"),
                        percent + "%: " + e.getMessage());
            }
            Path file = Files.write(dir.resolve("cut.jpg"), Arrays.copyOf(jpeg, jpeg.length - 1));
            ImageDecodingException e = assertThrows(ImageDecodingException.class, () -> decoder.read(file));
            assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("truncated"), e.getMessage());
        }
    }

    @Test
    void completeJpegsWithTrailingBytesDecode() throws Exception {
        byte[] jpeg = noisyJpeg(64, 48, false);
        byte[] trailer = "camera trailer \u00ff\u00da data".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] withTrailer = Arrays.copyOf(jpeg, jpeg.length + trailer.length);
        System.arraycopy(trailer, 0, withTrailer, jpeg.length, trailer.length);
        assertEquals(64, decoder.read(withTrailer, "trailer.jpg").getWidth());
    }

    @Test
    void theSharedPhotosAreAllComplete() throws Exception {
        Path photos = io.emojify.testing.SharedData.require("data/faces/photos");
        try (java.util.stream.Stream<Path> s = Files.list(photos)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".jpg")).toList()) {
                assertTrue(decoder.read(p).getWidth() > 0, p.toString());
            }
        }
    }

    @Test
    void animatedGifGivesItsFirstFrame() throws Exception {
        ImageWriter w = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            w.setOutput(out);
            w.prepareWriteSequence(null);
            BufferedImage red = marked(BufferedImage.TYPE_INT_RGB, 30, 30);
            BufferedImage blue = new BufferedImage(30, 30, BufferedImage.TYPE_INT_RGB);
            for (BufferedImage frame : new BufferedImage[] {red, blue}) {
                IIOMetadata meta = w.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame), null);
                w.writeToSequence(new IIOImage(frame, null, meta), null);
            }
            w.endWriteSequence();
        }
        w.dispose();
        assertTrue(reddish(decoder.read(bytes.toByteArray(), "anim.gif").getRGB(1, 1)));
    }

    @Test
    void decodesFromMemoryWithoutTouchingImageIosDiskCache(@TempDir Path tmp) throws Exception {
        byte[] png = encode(marked(BufferedImage.TYPE_INT_RGB, 64, 48), "png");
        Path cache = Files.createDirectory(tmp.resolve("imageio-cache"));
        boolean useCache = ImageIO.getUseCache();
        java.io.File cacheDirectory = ImageIO.getCacheDirectory();
        ImageIO.setUseCache(true);
        ImageIO.setCacheDirectory(cache.toFile());
        try {
            // a stream decoded through ImageIO's disk cache needs its cache folder: gone, it fails
            Files.delete(cache);
            BufferedImage img = decoder.read(png, "mem.png");
            assertEquals(64, img.getWidth());
            assertEquals(Color.RED.getRGB(), img.getRGB(2, 2));
        } finally {
            ImageIO.setCacheDirectory(cacheDirectory);
            ImageIO.setUseCache(useCache);
        }
    }
}
