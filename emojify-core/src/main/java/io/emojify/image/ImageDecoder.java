package io.emojify.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * The one place where Emojify decodes image files. It reads the image's declared size from its header first and refuses
 * one over the pixel limit before decoding it (a small file can declare a huge image), decodes only the first frame of
 * animated formats, turns JPEGs upright by their EXIF orientation, and turns every failure into an {@link ImageDecodingException} that names the file. Formats are those
 * of the installed ImageIO readers (the JDK reads JPEG, PNG, GIF and BMP; plug-ins on the class path add more).
 *
 * <p>A JPEG that ends before its end-of-image marker (a cut download or copy) is refused as truncated before decoding:
 * ImageIO's readers would otherwise decode it without an error, the missing part grey. An image within the pixel limit
 * whose pixels still do not fit in the Java heap is refused with an {@link ImageDecodingException} saying so (the failed
 * allocation is given back), not an {@link OutOfMemoryError}. Thread-safe.
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
        if (isJpeg(bytes) && !jpegIsComplete(bytes)) {
            throw new ImageDecodingException(name + ": truncated JPEG (" + bytes.length
                    + " bytes, it ends before its end-of-image marker); refused rather than decoded with a grey part");
        }
        BufferedImage img = decode(bytes, name);
        return ExifOrientation.apply(img, ExifOrientation.read(bytes));
    }

    private BufferedImage decode(byte[] bytes, String name) {
        // The bytes are in memory already: read them from memory. ImageIO.createImageInputStream would copy a byte
        // stream into a temporary file first (its disk cache), once per image.
        try (ImageInputStream iis = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
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
                BufferedImage img;
                try {
                    img = reader.read(0);
                } catch (OutOfMemoryError | IOException | RuntimeException e) {
                    // readers may wrap the error (the JDK's PNG reader does); the allocation that failed was the
                    // pixels' own: nothing of it is kept, and the caller may go on
                    if (outOfMemory(e)) {
                        throw new ImageDecodingException(name + ": too large for the memory available (" + w + "x" + h
                                + " pixels; the Java heap is limited to " + (Runtime.getRuntime().maxMemory() >> 20)
                                + " MB: give more with -Xmx)");
                    }
                    throw e;
                }
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

    private static boolean outOfMemory(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    private static boolean isJpeg(byte[] b) {
        return b.length >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF;
    }

    /**
     * Walks a JPEG's marker segments and entropy-coded scans, as a decoder does, and tells whether the end-of-image marker
     * is reached before the bytes end. Bytes after the marker (some cameras append data) are allowed, and so are
     * embedded thumbnails (their markers sit inside a segment, which is skipped by its length).
     *
     * @param b bytes starting with the start-of-image marker
     * @return false if the bytes end before the end-of-image marker
     */
    static boolean jpegIsComplete(byte[] b) {
        int n = b.length;
        int i = 2;
        while (true) {
            while (i < n && (b[i] & 0xff) != 0xFF) {
                i++; // stray bytes between segments: decoders skip them (with a warning)
            }
            while (i < n && (b[i] & 0xff) == 0xFF) {
                i++; // a marker, possibly after fill bytes
            }
            if (i >= n) {
                return false;
            }
            int marker = b[i++] & 0xff;
            if (marker == 0xD9) {
                return true; // end of image
            }
            if (marker == 0x01 || marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue; // markers without a length
            }
            if (i + 2 > n) {
                return false;
            }
            int length = ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
            if (length < 2) {
                return true; // corrupt rather than truncated: left to the decoder, which reports it
            }
            i += length;
            if (i > n) {
                return false;
            }
            if (marker == 0xDA) {
                // entropy-coded data: 0xFF is followed by 0x00 (a stuffed byte) or a restart marker inside a scan;
                // anything else is the next marker
                while (true) {
                    if (i >= n) {
                        return false;
                    }
                    if ((b[i] & 0xff) != 0xFF) {
                        i++;
                        continue;
                    }
                    if (i + 1 >= n) {
                        return false;
                    }
                    int next = b[i + 1] & 0xff;
                    if (next == 0x00 || (next >= 0xD0 && next <= 0xD7)) {
                        i += 2;
                    } else if (next == 0xFF) {
                        i++; // fill byte before a marker
                    } else {
                        break;
                    }
                }
            }
        }
    }
}
