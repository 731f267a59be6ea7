package io.emojify.djl;

import io.emojify.djl.emotion.EmotionModels;
import io.emojify.djl.face.DetectorSettings;
import io.emojify.djl.face.UltraFaceFaceDetector;
import io.emojify.djl.face.YuNetFaceDetector;
import io.emojify.emotion.EmotionClassifier;
import io.emojify.face.FaceDetector;
import io.emojify.model.ModelException;
import io.emojify.model.ModelResolver;
import io.emojify.spi.BackendOptions;
import io.emojify.spi.ConfigurationException;
import io.emojify.spi.EmojifyProvider;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DJL backend, found by {@link java.util.ServiceLoader}: YuNet as the face detector and the emotion model shipped in
 * this jar as the classifier, on the engine chosen by {@link Engines}. The detector can be chosen with
 * {@code -D}{@value #DETECTOR_PROPERTY}{@code =yunet|ultraface}; per instance, {@code Emojify.builder()} passes
 * {@link BackendOptions} ({@code engine}, {@code detector}, {@code models}, {@code offline}, {@code detection}) that take
 * precedence over the system properties; {@code detection=video} gives the detector {@link DetectorSettings#VIDEO}'s size
 * and single pass (YuNet: the whole {@code VIDEO} preset).
 */
public final class DjlEmojifyProvider implements EmojifyProvider {

    /** The system property that chooses the detector. */
    public static final String DETECTOR_PROPERTY = "emojify.detector";

    private static final Logger LOG = LoggerFactory.getLogger(DjlEmojifyProvider.class);

    /** The {@link BackendOptions} this backend reads. */
    private static final Set<String> OPTIONS = Set.of(BackendOptions.ENGINE, BackendOptions.DETECTOR,
            BackendOptions.MODELS, BackendOptions.OFFLINE, BackendOptions.EMOTION_MODEL,
            BackendOptions.DETECTION);

    /** Creates the provider (cheap: nothing is loaded until a component is made). */
    public DjlEmojifyProvider() {}

    @Override
    public String name() {
        return "DJL";
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public FaceDetector newFaceDetector() {
        return newFaceDetector(BackendOptions.none());
    }

    /**
     * Creates the detector that the options name ({@link BackendOptions#DETECTOR}, else {@value #DETECTOR_PROPERTY},
     * else YuNet), with its weights from {@link BackendOptions#MODELS} and {@link BackendOptions#OFFLINE} where given.
     */
    @Override
    public FaceDetector newFaceDetector(BackendOptions options) {
        options.requireOnly(name(), OPTIONS);
        String name = options.get(BackendOptions.DETECTOR).orElse(System.getProperty(DETECTOR_PROPERTY, "yunet"));
        ModelResolver resolver = ModelResolver.fromSettings(
                options.get(BackendOptions.MODELS).map(Path::of).orElse(null),
                options.get(BackendOptions.OFFLINE).map(DjlEmojifyProvider::parseBoolean).orElse(null));
        FaceDetector d = newFaceDetector(name, options.get(BackendOptions.DETECTION)
                .map(DjlEmojifyProvider::detection).orElse(null), resolver);
        LOG.debug("Face detector: {}", d.name());
        return d;
    }

    /**
     * Makes one of this backend's detectors with the given settings.
     *
     * @param name {@code yunet} or {@code ultraface} (any case)
     * @param settings the settings, or null for the detector's defaults ({@link DetectorSettings#PHOTO} for YuNet)
     * @return a new detector, which the caller closes
     * @throws ModelException if the name is unknown (the message names the choices) or the model cannot be had
     */
    public static FaceDetector newFaceDetector(String name, DetectorSettings settings) {
        return newFaceDetector(name, settings, ModelResolver.fromSettings());
    }

    private static FaceDetector newFaceDetector(String name, DetectorSettings settings, ModelResolver resolver) {
        return newFaceDetector(name, settings == null ? null : preset -> settings, resolver);
    }

    /** The detector {@code name} with the settings {@code tune} makes from its photo preset (null: the preset). */
    private static FaceDetector newFaceDetector(String name, UnaryOperator<DetectorSettings> tune,
            ModelResolver resolver) {
        UnaryOperator<DetectorSettings> t = tune == null ? UnaryOperator.identity() : tune;
        String choice = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (choice) {
            case "yunet" -> YuNetFaceDetector.create(t.apply(DetectorSettings.DEFAULT), resolver);
            case "ultraface" -> UltraFaceFaceDetector.create(t.apply(UltraFaceFaceDetector.DEFAULT_SETTINGS), resolver);
            default -> throw new ModelException("Unknown face detector '" + name + "'; use yunet or ultraface");
        };
    }

    /**
     * The {@link BackendOptions#DETECTION} hint as settings made from a detector's photo preset: {@code video} takes
     * {@link DetectorSettings#VIDEO}'s size and single pass (and, for YuNet, its score threshold).
     */
    private static UnaryOperator<DetectorSettings> detection(String hint) {
        String d;
        try {
            d = BackendOptions.checkDetection(hint);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("The DJL backend's option " + BackendOptions.DETECTION + ": "
                    + e.getMessage());
        }
        if (d.equals(BackendOptions.DETECTION_PHOTO)) {
            return UnaryOperator.identity();
        }
        return photo -> photo == DetectorSettings.PHOTO ? DetectorSettings.VIDEO
                : photo.withMaxInputSide(DetectorSettings.VIDEO.maxInputSide())
                        .withRetrySide(DetectorSettings.VIDEO.retrySide());
    }

    @Override
    public EmotionClassifier newEmotionClassifier() {
        return newEmotionClassifier(BackendOptions.none());
    }

    /**
     * Creates the emotion model that {@link BackendOptions#EMOTION_MODEL} names (else {@code -Demojify.emotionModel}, else
     * the shipped compact model; see {@link EmotionModels}) on the engine that {@link BackendOptions#ENGINE} names, else
     * {@link Engines}'s.
     */
    @Override
    public EmotionClassifier newEmotionClassifier(BackendOptions options) {
        options.requireOnly(name(), OPTIONS);
        return EmotionModels.classifier(options.get(BackendOptions.EMOTION_MODEL).orElse(null),
                options.get(BackendOptions.ENGINE).orElseGet(Engines::emotionEngine));
    }

    private static boolean parseBoolean(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigurationException("The DJL backend's option " + BackendOptions.OFFLINE
                    + " is '" + value + "'; use true or false");
        };
    }
}
