package io.emojify.trainer.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Face crops decoded once into memory: {@code side x side} 8-bit grayscale pixels with their FER-2013 class index.
 *
 * <p>Immutable after construction; safe to share between threads.
 */
public final class FaceSet {

    /** The side of every image, in pixels (FER-2013 is 48). */
    public static final int SIDE = 48;

    private final List<byte[]> pixels;
    private final int[] labels;
    private final List<String> ids;

    /**
     * Creates a set.
     *
     * @param pixels one {@code SIDE*SIDE} array per image, row-major
     * @param labels the class index of each image
     * @param ids a name for each image (file name or CSV row)
     */
    public FaceSet(List<byte[]> pixels, int[] labels, List<String> ids) {
        if (pixels.size() != labels.length || ids.size() != labels.length) {
            throw new IllegalArgumentException("pixels, labels and ids differ in length: "
                    + pixels.size() + ", " + labels.length + ", " + ids.size());
        }
        for (byte[] p : pixels) {
            if (p.length != SIDE * SIDE) {
                throw new IllegalArgumentException("an image has " + p.length + " pixels, not " + SIDE * SIDE);
            }
        }
        this.pixels = List.copyOf(pixels);
        this.labels = labels.clone();
        this.ids = List.copyOf(ids);
    }

    /** @return the number of images */
    public int size() {
        return labels.length;
    }

    /**
     * @param i the index
     * @return the pixels of image {@code i} (do not modify)
     */
    public byte[] pixels(int i) {
        return pixels.get(i);
    }

    /**
     * @param i the index
     * @return the class index of image {@code i}
     */
    public int label(int i) {
        return labels[i];
    }

    /** @return the class index of every image, in order (a copy) */
    public int[] labels() {
        return labels.clone();
    }

    /**
     * @param i the index
     * @return the name of image {@code i}
     */
    public String id(int i) {
        return ids.get(i);
    }

    /**
     * Counts the images of each class.
     *
     * @param classes the number of classes
     * @return the count per class index
     */
    public int[] classCounts(int classes) {
        int[] counts = new int[classes];
        for (int l : labels) {
            counts[l]++;
        }
        return counts;
    }

    /**
     * Returns the first {@code n} images of each class (for short smoke runs).
     *
     * @param perClass how many of each class to keep at most
     * @return a smaller set
     */
    public FaceSet firstPerClass(int perClass) {
        int[] kept = new int[64];
        List<byte[]> p = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            if (kept[labels[i]]++ < perClass) {
                p.add(pixels.get(i));
                names.add(ids.get(i));
                l.add(labels[i]);
            }
        }
        return new FaceSet(p, l.stream().mapToInt(Integer::intValue).toArray(), names);
    }

    @Override
    public String toString() {
        return "FaceSet[" + size() + " images]";
    }
}
