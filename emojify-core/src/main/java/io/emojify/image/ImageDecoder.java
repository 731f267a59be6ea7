package io.emojify.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * The one place where Emojify decodes image files. It reads the image's declared size from its header first and refuses
 * one over the pixel limit before decoding it (a small file can declare a huge image), decodes only the first frame of
 * animated formats, turns JPEGs upright by their EXIF orientation, and turns every failure into an {@link ImageDecodingException} that names the file. Formats are those
 * of the installed ImageIO readers (the JDK reads JPEG, PNG, GIF and BMP; plug-ins on the class path add more).
 * Thread-safe.
 */
public final class ImageDecoder {

    /** The default pixel limit (50 megapixels), as {@code Emojify}'s. */
    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;

    /** The largest file read (256 MiB). */
    public static final long MAX_FILE_BYTES = 256L << 20;

    private final long maxPixels;

    /**
     * @param maxPixels the largest declared image accepted, in pixels
     */
    public ImageDecoder(long maxPixels) {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxPixels must be at least 1, was " + maxPixels);
        }
        this.maxPixels = maxPixels;
    }

    /** Creates a decoder with the default limit. */
    public ImageDecoder() {
        this(DEFAULT_MAX_PIXELS);
    }

    /**
     * Decodes an image file.
     *
     * @param file the file
     * @return the first frame
     * @throws ImageDecodingException if the file is missing, empty, not an image, truncated or too large
     */
    public BufferedImage read(Path file) {
        if (file == null) {
            throw new ImageDecodingException("The image path is null");
        }
        if (!Files.isRegularFile(file)) {
            throw new ImageDecodingException(file + ": no such file");
        }
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new ImageDecodingException(file + ": " + size + " bytes, over the limit of " + MAX_FILE_BYTES);
            }
            return read(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new ImageDecodingException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Decodes an image from a stream.
     *
     * @param in the bytes
     * @param name a name for error messages
     * @return the first frame
     * @throws ImageDecodingException if the bytes are empty, not an image, truncated or too large
     */
    public BufferedImage read(InputStream in, String name) {
        try {
            byte[] bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) {
                throw new ImageDecodingException(name + ": over the limit of " + MAX_FILE_BYTES + " bytes");
            }
            return read(bytes, name);
        } catch (IOException e) {
            throw new ImageDecodingException(name + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Decodes an image from its bytes, turned upright by its EXIF orientation.
     *
     * @param bytes the encoded image
     * @param name a name for error messages
     * @return the first frame
     * @throws ImageDecodingException if the bytes are empty, not an image, truncated or too large
     */
    public BufferedImage read(byte[] bytes, String name) {
        if (bytes == null || bytes.length == 0) {
            throw new ImageDecodingException(name + ": empty file");
        }
        BufferedImage img = decode(bytes, name);
        return ExifOrientation.apply(img, ExifOrientation.read(bytes));
    }

    private BufferedImage decode(byte[] bytes, String name) {
        try (ImageInputStream iis = ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(bytes))) {
            if (iis == null) {
                throw new ImageDecodingException(name + ": cannot be read");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(iis);
            if (!readers.hasNext()) {
                throw new ImageDecodingException(name + ": empty or not an image in a known format");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(iis, true, true);
                long w = reader.getWidth(0);
                long h = reader.getHeight(0);
                if (w < 1 || h < 1 || w * h > maxPixels) {
                    throw new ImageDecodingException(name + ": declares " + w + "x" + h + " pixels, over the limit of "
                            + maxPixels + " pixels (or empty); refused before decoding");
                }
                BufferedImage img = reader.read(0);
                if (img == null) {
                    throw new ImageDecodingException(name + ": decoded to nothing");
                }
                return img;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ImageDecodingException ide) {
                throw ide;
            }
            throw new ImageDecodingException(name + ": not a valid image (" + e + ")", e);
        }
    }
}
