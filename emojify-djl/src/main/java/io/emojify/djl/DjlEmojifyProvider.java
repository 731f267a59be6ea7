package io.emojify.djl;

import io.emojify.djl.emotion.DjlEmotionClassifier;
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
        String choice = System.getProperty(DETECTOR_PROPERTY, "yunet").trim().toLowerCase(Locale.ROOT);
        FaceDetector d = switch (choice) {
            case "yunet" -> YuNetFaceDetector.create();
            case "ultraface" -> UltraFaceFaceDetector.create();
            default -> throw new ModelException("Unknown face detector '" + choice + "' in -D" + DETECTOR_PROPERTY
                    + "; use yunet or ultraface");
        };
        LOG.info("Face detector: {}", d.name());
        return d;
    }

    @Override
    public EmotionClassifier newEmotionClassifier() {
        return DjlEmotionClassifier.embedded();
    }
}
