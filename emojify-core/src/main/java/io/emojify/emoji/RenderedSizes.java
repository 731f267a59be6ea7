package io.emojify.emoji;

import java.awt.image.BufferedImage;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The pictures an emoji's art drew most recently, by size, within a bound in bytes (the least recently used go first).
 * A face followed through a video keeps nearly the same size from frame to frame, so its emoji is drawn from the art
 * once per size instead of once per frame. Thread-safe.
 */
final class RenderedSizes {

    /** The most bytes of pixels kept per emoji (for example 26 pictures of 200x200). */
    static final long MAX_BYTES = 4L << 20;

    private final Map<Integer, BufferedImage> bySize = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    synchronized BufferedImage get(int size) {
        return bySize.get(size);
    }

    synchronized void put(int size, BufferedImage image) {
        long cost = bytesOf(size);
        if (cost > MAX_BYTES || bySize.containsKey(size)) {
            return;
        }
        bySize.put(size, image);
        bytes += cost;
        Iterator<Map.Entry<Integer, BufferedImage>> oldest = bySize.entrySet().iterator();
        while (bytes > MAX_BYTES) {
            bytes -= bytesOf(oldest.next().getKey());
            oldest.remove();
        }
    }

    synchronized int count() {
        return bySize.size();
    }

    private static long bytesOf(int size) {
        return 4L * size * size;
    }

    /** A copy that the caller may change without touching the kept picture. */
    static BufferedImage copyOf(BufferedImage image) {
        return new BufferedImage(image.getColorModel(), image.copyData(null), image.isAlphaPremultiplied(), null);
    }
}
