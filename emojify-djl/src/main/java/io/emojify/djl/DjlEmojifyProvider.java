package io.emojify.djl;

import io.emojify.djl.emotion.DjlEmotionClassifier;
import io.emojify.djl.face.DetectorSettings;
import io.emojify.djl.face.UltraFaceFaceDetector;
import io.emojify.djl.face.YuNetFaceDetector;
import io.emojify.emotion.EmotionClassifier;
import io.emojify.face.FaceDetector;
import io.emojify.model.ModelException;
import io.emojify.spi.EmojifyProvider;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DJL backend, found by {@link java.util.ServiceLoader}: YuNet as the face detector and the emotion model shipped in
 * this jar as the classifier, on the engine chosen by {@link Engines}. The detector can be chosen with
 * {@code -D}{@value #DETECTOR_PROPERTY}{@code =yunet|ultraface}.
 */
public final class DjlEmojifyProvider implements EmojifyProvider {

    /** The system property that chooses the detector. */
    public static final String DETECTOR_PROPERTY = "emojify.detector";

    private static final Logger LOG = LoggerFactory.getLogger(DjlEmojifyProvider.class);

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
        FaceDetector d = newFaceDetector(System.getProperty(DETECTOR_PROPERTY, "yunet"), null);
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
        String choice = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (choice) {
            case "yunet" -> settings == null ? YuNetFaceDetector.create() : YuNetFaceDetector.create(settings);
            case "ultraface" -> settings == null ? UltraFaceFaceDetector.create() : UltraFaceFaceDetector.create(settings);
            default -> throw new ModelException("Unknown face detector '" + name + "'; use yunet or ultraface");
        };
    }

    @Override
    public EmotionClassifier newEmotionClassifier() {
        return DjlEmotionClassifier.embedded();
    }
}
