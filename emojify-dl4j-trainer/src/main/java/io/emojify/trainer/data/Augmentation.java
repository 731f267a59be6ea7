package io.emojify.trainer.data;

import io.emojify.emotion.FaceViews;
import java.util.SplittableRandom;

/**
 * The paper's training augmentation (Khaireddin and Chen 2021), on 48x48 grayscale faces, pixels scaled to 0..1:
 * random resized crop of 48 with scale 0.8 to 1.2 (aspect 3/4 to 4/3), translation up to 20% (p 0.5), horizontal flip
 * (p 0.5), rotation up to 10 degrees (p 0.5), then the whole face, one 40x40 crop at a random position, or the ten 40x40
 * crops (corners, centre and their mirrors, all trained, as the paper), each followed by random erasing (p 0.5, area 2% to
 * 33%, aspect 0.3 to 3.3, value 0). One random crop per face is the paper's recipe at a tenth of its cost: every epoch
 * shows each face once, framed as one of the views that ten-crop evaluation averages.
 *
 * <p>The geometric steps are composed into one inverse mapping and sampled once with bilinear interpolation (zero outside
 * the image, as the paper's affine transforms fill), which is both faster and sharper than resampling four times.
 * Stateless and thread-safe: all randomness comes from the caller's generator.
 */
public final class Augmentation {

    /** The crop side of the paper's ten-crop. */
    public static final int CROP = 40;

    private static final int S = FaceSet.SIDE;

    private final int cropsPerFace;
    private final int outSide;

    /**
     * Creates the augmentation.
     *
     * @param cropsPerFace 0 for the whole face, 1 for one 40x40 crop at a random position, 10 for the paper's ten crops
     * @param outSide the side of each output sample (the network's input); crops are resized to it when it differs
     * @throws IllegalArgumentException if {@code cropsPerFace} is not 0, 1 or 10
     */
    public Augmentation(int cropsPerFace, int outSide) {
        if (cropsPerFace != 0 && cropsPerFace != 1 && cropsPerFace != 10) {
            throw new IllegalArgumentException("crops per face must be 0 (the whole face), 1 or 10, was " + cropsPerFace);
        }
        this.cropsPerFace = cropsPerFace;
        this.outSide = outSide;
    }

    /**
     * Returns how many samples one face yields.
     *
     * @return 10 with ten-crop, else 1
     */
    public int samplesPerImage() {
        return cropsPerFace == 10 ? 10 : 1;
    }

    /**
     * Returns the side of each output sample.
     *
     * @return the side in pixels
     */
    public int outSide() {
        return outSide;
    }

    /**
     * Augments one face into {@code samplesPerImage()} consecutive samples of {@code outSide^2} floats.
     *
     * @param src 48x48 pixels
     * @param rnd the random source
     * @param out where to write
     * @param offset the first float to write
     */
    public void augment(byte[] src, SplittableRandom rnd, float[] out, int offset) {
        float[] warped = warp(src, rnd);
        if (cropsPerFace == 1) {
            float[] crop = resize(warped, S, S, rnd.nextInt(S - CROP + 1), rnd.nextInt(S - CROP + 1), CROP, outSide);
            erase(crop, outSide, rnd);
            System.arraycopy(crop, 0, out, offset, crop.length);
            return;
        }
        if (cropsPerFace == 0) {
            float[] face = outSide == S ? warped : resize(warped, S, S, 0, 0, S, outSide);
            erase(face, outSide, rnd);
            System.arraycopy(face, 0, out, offset, face.length);
            return;
        }
        float[][] crops = tenCrops(warped, outSide);
        for (int i = 0; i < crops.length; i++) {
            erase(crops[i], outSide, rnd);
            System.arraycopy(crops[i], 0, out, offset + i * outSide * outSide, outSide * outSide);
        }
    }

    /**
     * The evaluation input: the whole face resized to {@code side}, pixels 0..1.
     *
     * @param src 48x48 pixels
     * @param side the network's input side
     * @return {@code side*side} floats
     */
    public static float[] whole(byte[] src, int side) {
        float[] f = toFloat(src);
        return side == S ? f : resize(f, S, S, 0, 0, S, side);
    }

    /**
     * The ten-crop test-time input: the ten 40x40 crops (corners, centre and mirrors), each resized to {@code side}.
     *
     * @param src 48x48 pixels
     * @param side the network's input side
     * @return ten arrays of {@code side*side} floats
     */
    public static float[][] tenCrops(byte[] src, int side) {
        return tenCrops(toFloat(src), side);
    }

    private static float[][] tenCrops(float[] img, int side) {
        int[][] origins = {{0, 0}, {S - CROP, 0}, {0, S - CROP}, {S - CROP, S - CROP}, {(S - CROP) / 2, (S - CROP) / 2}};
        float[][] crops = new float[10][];
        for (int k = 0; k < 5; k++) {
            float[] c = resize(img, S, S, origins[k][0], origins[k][1], CROP, side);
            crops[k] = c;
            crops[k + 5] = FaceViews.mirror(c, side);
        }
        return crops;
    }

    private static float[] toFloat(byte[] src) {
        float[] f = new float[src.length];
        for (int i = 0; i < src.length; i++) {
            f[i] = (src[i] & 0xff) / 255f;
        }
        return f;
    }


    /** Crops the square (x0, y0, size) out of a w x h image and resizes it to side x side, bilinear, pixel centres aligned. */
    private static float[] resize(float[] img, int w, int h, int x0, int y0, int size, int side) {
        float[] out = new float[side * side];
        float scale = size / (float) side;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                float sx = x0 + (x + 0.5f) * scale - 0.5f;
                float sy = y0 + (y + 0.5f) * scale - 0.5f;
                out[y * side + x] = sample(img, w, h, sx, sy);
            }
        }
        return out;
    }

    private static float sample(float[] img, int w, int h, float sx, float sy) {
        int x0 = (int) Math.floor(sx);
        int y0 = (int) Math.floor(sy);
        float fx = sx - x0;
        float fy = sy - y0;
        return (1 - fy) * ((1 - fx) * at(img, w, h, x0, y0) + fx * at(img, w, h, x0 + 1, y0))
                + fy * ((1 - fx) * at(img, w, h, x0, y0 + 1) + fx * at(img, w, h, x0 + 1, y0 + 1));
    }

    private static float at(float[] img, int w, int h, int x, int y) {
        return x < 0 || y < 0 || x >= w || y >= h ? 0f : img[y * w + x];
    }

    private static float[] warp(byte[] src, SplittableRandom rnd) {
        // 1. random resized crop: area scale 0.8..1.2, log-uniform aspect 3/4..4/3; whole image when no crop fits
        double cw = S;
        double ch = S;
        double cx = 0;
        double cy = 0;
        for (int attempt = 0; attempt < 10; attempt++) {
            double area = S * S * (0.8 + rnd.nextDouble() * 0.4);
            double ratio = Math.exp(Math.log(3.0 / 4) + rnd.nextDouble() * (Math.log(4.0 / 3) - Math.log(3.0 / 4)));
            int w = (int) Math.round(Math.sqrt(area * ratio));
            int h = (int) Math.round(Math.sqrt(area / ratio));
            if (w > 0 && h > 0 && w <= S && h <= S) {
                cw = w;
                ch = h;
                cx = rnd.nextInt(S - w + 1);
                cy = rnd.nextInt(S - h + 1);
                break;
            }
        }
        // 2. translation up to 20% of the side, p 0.5
        double tx = 0;
        double ty = 0;
        if (rnd.nextDouble() < 0.5) {
            tx = Math.round((rnd.nextDouble() * 2 - 1) * 0.2 * S);
            ty = Math.round((rnd.nextDouble() * 2 - 1) * 0.2 * S);
        }
        // 3. horizontal flip, p 0.5
        boolean flip = rnd.nextDouble() < 0.5;
        // 4. rotation up to 10 degrees, p 0.5
        double angle = rnd.nextDouble() < 0.5 ? Math.toRadians((rnd.nextDouble() * 2 - 1) * 10) : 0;
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double c = (S - 1) / 2.0;
        float[] img = toFloat(src);
        float[] out = new float[S * S];
        double scaleX = cw / S;
        double scaleY = ch / S;
        for (int y = 0; y < S; y++) {
            for (int x = 0; x < S; x++) {
                // inverse rotation about the centre
                double rx = cos * (x - c) + sin * (y - c) + c;
                double ry = -sin * (x - c) + cos * (y - c) + c;
                if (flip) {
                    rx = S - 1 - rx;
                }
                rx -= tx;
                ry -= ty;
                if (rx < -1 || ry < -1 || rx > S || ry > S) {
                    continue; // filled with zero, as the affine steps fill
                }
                double sx = cx + (rx + 0.5) * scaleX - 0.5;
                double sy = cy + (ry + 0.5) * scaleY - 0.5;
                out[y * S + x] = sample(img, S, S, (float) sx, (float) sy);
            }
        }
        return out;
    }

    private static void erase(float[] img, int side, SplittableRandom rnd) {
        if (rnd.nextDouble() >= 0.5) {
            return;
        }
        double total = side * side;
        for (int attempt = 0; attempt < 10; attempt++) {
            double area = total * (0.02 + rnd.nextDouble() * 0.31);
            double ratio = Math.exp(Math.log(0.3) + rnd.nextDouble() * (Math.log(3.3) - Math.log(0.3)));
            int h = (int) Math.round(Math.sqrt(area * ratio));
            int w = (int) Math.round(Math.sqrt(area / ratio));
            if (h < side && w < side && h > 0 && w > 0) {
                int i = rnd.nextInt(side - h + 1);
                int j = rnd.nextInt(side - w + 1);
                for (int y = i; y < i + h; y++) {
                    java.util.Arrays.fill(img, y * side + j, y * side + j + w, 0f);
                }
                return;
            }
        }
    }
}
