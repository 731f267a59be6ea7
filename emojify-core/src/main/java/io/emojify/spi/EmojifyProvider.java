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

    /**
     * Creates the face detector that these options choose. A backend that reads options overrides this; the default
     * reads no options and, given some, declines (so that a setting is never ignored silently and the next backend is asked).
     *
     * @param options the application's settings for this instance
     * @return a new detector
     * @throws ConfigurationException if an option is unknown to this backend or has a value it does not accept
     * @throws ProviderException if this backend reads no options and some were given
     * @throws io.emojify.EmojifyException if it cannot be created
     */
    default FaceDetector newFaceDetector(BackendOptions options) {
        declineOptions(options);
        return newFaceDetector();
    }

    /**
     * Creates the emotion classifier that these options choose; as {@link #newFaceDetector(BackendOptions)}.
     *
     * @param options the application's settings for this instance
     * @return a new classifier
     * @throws ConfigurationException if an option is unknown to this backend or has a value it does not accept
     * @throws io.emojify.EmojifyException if it cannot be created
     */
    default EmotionClassifier newEmotionClassifier(BackendOptions options) {
        declineOptions(options);
        return newEmotionClassifier();
    }

    private void declineOptions(BackendOptions options) {
        if (!options.isEmpty()) {
            throw new ProviderException("the " + name() + " backend reads no options (given " + options + ")");
        }
    }
}
