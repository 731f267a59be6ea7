package io.emojify.spi;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Settings an application gives one {@link io.emojify.Emojify} instance for its backend, in the manner of DJL's
 * {@code Criteria} options: named values that the backend reads instead of the JVM-wide system properties, so that two
 * instances in one JVM can differ. A backend refuses a name it does not know, naming the ones it does. Immutable and
 * thread-safe.
 */
public final class BackendOptions {

    /** The inference engine, for example {@code PyTorch} or {@code OnnxRuntime} on the DJL backend. */
    public static final String ENGINE = "engine";
    /** The face detector by name, for example {@code yunet} or {@code ultraface} on the DJL backend. */
    public static final String DETECTOR = "detector";
    /**
     * The emotion model by name: {@value io.emojify.emotion.EmotionModelName#COMPACT} (the default, real time) or
     * {@value io.emojify.emotion.EmotionModelName#ACCURATE} (for photos) on the DJL backend.
     */
    public static final String EMOTION_MODEL = "emotion-model";
    /** A folder holding the detector weights (overrides {@code -Demojify.models} and {@code EMOJIFY_MODELS}). */
    public static final String MODELS = "models";
    /** {@code true} forbids downloading weights (overrides {@code -Demojify.offline}). */
    public static final String OFFLINE = "offline";
    /**
     * What the face detector is tuned for: {@value #DETECTION_PHOTO} (the default: every face of a photo, at up to full
     * resolution) or {@value #DETECTION_VIDEO} (frames of a camera or a video, in real time). A hint: a backend with one
     * way to detect ignores it, so {@link #requireOnly} never refuses it.
     */
    public static final String DETECTION = "detection";
    /** {@link #DETECTION} for photos. */
    public static final String DETECTION_PHOTO = "photo";
    /** {@link #DETECTION} for video frames and cameras. */
    public static final String DETECTION_VIDEO = "video";

    private static final BackendOptions NONE = new BackendOptions(Map.of());

    private final Map<String, String> values;

    private BackendOptions(Map<String, String> values) {
        this.values = values;
    }

    /** @return options with nothing set: every backend uses its defaults */
    public static BackendOptions none() {
        return NONE;
    }

    /**
     * Returns these options with one more value (a later value for the same name replaces the earlier one).
     *
     * @param name the option's name, such as {@link #ENGINE}
     * @param value its value
     * @return new options
     * @throws IllegalArgumentException if the name or value is blank
     */
    public BackendOptions with(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isBlank() || value.isBlank()) {
            throw new IllegalArgumentException("A backend option needs a name and a value, got '" + name + "' = '"
                    + value + "'");
        }
        Map<String, String> copy = new TreeMap<>(values);
        copy.put(name.trim().toLowerCase(Locale.ROOT), value.trim());
        return new BackendOptions(Collections.unmodifiableMap(copy));
    }

    /**
     * Returns one value.
     *
     * @param name the option's name
     * @return its value, if set
     */
    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** @return the values by name, sorted, unmodifiable */
    public Map<String, String> asMap() {
        return values;
    }

    /** @return whether no option is set */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /**
     * Checks a {@link #DETECTION} value.
     *
     * @param detection the value
     * @return it, in lower case
     * @throws IllegalArgumentException naming the choices when it is neither {@value #DETECTION_PHOTO} nor
     *     {@value #DETECTION_VIDEO}
     */
    public static String checkDetection(String detection) {
        String d = Objects.requireNonNull(detection, "detection").trim().toLowerCase(Locale.ROOT);
        if (!d.equals(DETECTION_PHOTO) && !d.equals(DETECTION_VIDEO)) {
            throw new IllegalArgumentException("Unknown detection '" + detection + "'; use " + DETECTION_PHOTO + " or "
                    + DETECTION_VIDEO);
        }
        return d;
    }

    /**
     * Refuses names outside a backend's own ({@link #DETECTION}, a hint, is never refused).
     *
     * @param backend the backend's name, for the message
     * @param known the names it reads
     * @throws ConfigurationException naming the unknown options and the known ones
     */
    public void requireOnly(String backend, java.util.Collection<String> known) {
        Map<String, String> unknown = new TreeMap<>(values);
        unknown.keySet().removeAll(known);
        unknown.remove(DETECTION);
        if (!unknown.isEmpty()) {
            throw new ConfigurationException("The " + backend + " backend has no option " + unknown.keySet()
                    + " (given " + unknown + "); its options are " + new java.util.TreeSet<>(known));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BackendOptions other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
