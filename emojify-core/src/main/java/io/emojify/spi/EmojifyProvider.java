package io.emojify.spi;

import io.emojify.emotion.EmotionClassifier;
import io.emojify.face.FaceDetector;

/**
 * A backend that supplies the default face detector and emotion classifier, found with {@link java.util.ServiceLoader}
 * (register the implementation in {@code META-INF/services/io.emojify.spi.EmojifyProvider}). Implementations need a public
 * no-argument constructor and must be cheap to construct: models are loaded only when a component is created.
 */
public interface EmojifyProvider {

    /**
     * Returns the backend's name for logs, for example {@code "DJL"}.
     *
     * @return the name
     */
    String name();

    /**
     * Returns the priority: when several backends are found and none is named, the highest wins.
     *
     * @return the priority
     */
    default int priority() {
        return 0;
    }

    /**
     * Creates the backend's default face detector. The caller closes it.
     *
     * @return a new detector
     * @throws io.emojify.EmojifyException if it cannot be created (the message says why and what to do)
     */
    FaceDetector newFaceDetector();

    /**
     * Creates the backend's default emotion classifier. The caller closes it.
     *
     * @return a new classifier
     * @throws io.emojify.EmojifyException if it cannot be created
     */
    EmotionClassifier newEmotionClassifier();
}
