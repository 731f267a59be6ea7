package io.emojify.emotion;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The seven FER-2013 emotions, declared in the data set's class index order (the {@code emotion} column of
 * {@code fer2013.csv}): 0 angry, 1 disgust, 2 fear, 3 happy, 4 sad, 5 surprise, 6 neutral.
 */
public enum Emotion {
    /** Class 0. */
    ANGRY,
    /** Class 1. */
    DISGUST,
    /** Class 2. */
    FEAR,
    /** Class 3. */
    HAPPY,
    /** Class 4. */
    SAD,
    /** Class 5. */
    SURPRISE,
    /** Class 6. */
    NEUTRAL;

    private static final Emotion[] VALUES = values();

    /**
     * Returns the FER-2013 class index.
     *
     * @return 0 to 6
     */
    public int index() {
        return ordinal();
    }

    /**
     * Returns the lower-case name used by FER-2013's class folders, for example {@code "happy"}.
     *
     * @return the label
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Returns the emotion with a FER-2013 class index.
     *
     * @param index 0 to 6
     * @return the emotion
     * @throws IllegalArgumentException if the index is out of range
     */
    public static Emotion fromIndex(int index) {
        if (index < 0 || index >= VALUES.length) {
            throw new IllegalArgumentException("Emotion index " + index + " is not in 0.." + (VALUES.length - 1));
        }
        return VALUES[index];
    }

    /**
     * Returns the emotion with a label, ignoring case.
     *
     * @param label for example {@code "happy"} or {@code "HAPPY"}
     * @return the emotion
     * @throws IllegalArgumentException if no emotion has that label
     */
    public static Emotion fromLabel(String label) {
        for (Emotion e : VALUES) {
            if (e.label().equalsIgnoreCase(label == null ? "" : label.trim())) {
                return e;
            }
        }
        throw new IllegalArgumentException("Unknown emotion '" + label + "'; known: " + labels());
    }

    /**
     * Returns the labels in class index order.
     *
     * @return the seven labels
     */
    public static List<String> labels() {
        return Arrays.stream(VALUES).map(Emotion::label).toList();
    }

    /**
     * Returns the number of emotions (7).
     *
     * @return 7
     */
    public static int count() {
        return VALUES.length;
    }
}
