package io.emojify.emotion;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The views of a face that an emotion model is shown, their probabilities averaged (test-time augmentation): the face
 * alone, the face and its mirror image, or the ten crops of the FER-2013 papers (the four corners and the centre of the
 * face, each with its mirror image). Which pays depends on the model and is measured in its card; the geometry is here,
 * once, for every classifier and for the trainer's evaluation.
 */
public enum FaceViews {
    /** The face once. */
    SINGLE(1),
    /** The face and its mirror image. */
    MIRROR(2),
    /**
     * Ten crops of a face framed at {@link #FACE_SIDE} pixels: the corners and the centre at the model's input size, and
     * their mirror images. Only for models whose input is smaller than the face (the paper's VGG: 40 of 48 pixels).
     */
    TEN_CROP(10);

    /** The side of a face as FER-2013 frames it, from which ten crops are cut. */
    public static final int FACE_SIDE = 48;

    private final int count;

    FaceViews(int count) {
        this.count = count;
    }

    /** @return how many images of each face the model sees */
    public int count() {
        return count;
    }

    /**
     * Parses a name as the command line and model cards spell it: {@code single}, {@code mirror} or {@code ten-crop}.
     *
     * @param name the name (case-insensitive)
     * @return the views
     * @throws IllegalArgumentException naming the choices, for any other name
     */
    public static FaceViews parse(String name) {
        if (name != null) {
            for (FaceViews v : values()) {
                if (v.label().equalsIgnoreCase(name.trim())) {
                    return v;
                }
            }
        }
        throw new IllegalArgumentException("Unknown face views '" + name + "'; use single, mirror or ten-crop");
    }

    /** @return the name as {@link #parse} reads it */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * A gray image turned left to right.
     *
     * @param image {@code side*side} values, row-major
     * @param side the image's side
     * @return a new array
     */
    public static float[] mirror(float[] image, int side) {
        float[] m = new float[image.length];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                m[y * side + x] = image[y * side + side - 1 - x];
            }
        }
        return m;
    }

    /**
     * The ten crops of a face: the top-left, top-right, bottom-left, bottom-right and centre squares of side
     * {@code cropSide}, then the same five turned left to right.
     *
     * @param face {@code faceSide*faceSide} values, row-major
     * @param faceSide the face's side
     * @param cropSide the crops' side, at most {@code faceSide}
     * @return ten arrays of {@code cropSide*cropSide} values
     * @throws IllegalArgumentException if the sizes do not fit
     */
    public static float[][] tenCrops(float[] face, int faceSide, int cropSide) {
        if (cropSide < 1 || cropSide > faceSide || face.length != faceSide * faceSide) {
            throw new IllegalArgumentException("Cannot cut " + cropSide + "-pixel crops from a face of " + face.length
                    + " values (side " + faceSide + ")");
        }
        int far = faceSide - cropSide;
        int[][] origins = {{0, 0}, {far, 0}, {0, far}, {far, far}, {far / 2, far / 2}};
        float[][] crops = new float[10][];
        for (int k = 0; k < 5; k++) {
            float[] c = new float[cropSide * cropSide];
            for (int y = 0; y < cropSide; y++) {
                System.arraycopy(face, (origins[k][1] + y) * faceSide + origins[k][0], c, y * cropSide, cropSide);
            }
            crops[k] = c;
            crops[k + 5] = mirror(c, cropSide);
        }
        return crops;
    }

    /**
     * Averages the probabilities of each face's views.
     *
     * @param scores the scores of {@code faces * views} images, each face's views together
     * @param views views per face
     * @return one mean per face
     */
    public static List<EmotionScores> average(List<EmotionScores> scores, int views) {
        if (views == 1) {
            return scores;
        }
        List<EmotionScores> mean = new ArrayList<>(scores.size() / views);
        for (int i = 0; i + views <= scores.size(); i += views) {
            float[] sum = new float[Emotion.values().length];
            for (int v = 0; v < views; v++) {
                float[] p = scores.get(i + v).toArray();
                for (int c = 0; c < sum.length; c++) {
                    sum[c] += p[c];
                }
            }
            for (int c = 0; c < sum.length; c++) {
                sum[c] /= views;
            }
            mean.add(EmotionScores.of(sum));
        }
        return mean;
    }

    @Override
    public String toString() {
        return label();
    }
}
