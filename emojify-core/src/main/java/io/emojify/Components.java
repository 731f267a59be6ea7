package io.emojify;

import io.emojify.emotion.EmotionClassifier;
import io.emojify.face.FaceDetector;
import io.emojify.model.ModelUnavailableException;
import io.emojify.spi.BackendOptions;
import io.emojify.spi.ConfigurationException;
import io.emojify.spi.EmojifyProvider;
import io.emojify.spi.ProviderDiscovery;
import io.emojify.spi.ProviderException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The face detector and emotion classifier of an {@link Emojify}: those given to its builder, else the first discovered
 * backend's that can supply them; and which of them the instance owns (closes).
 *
 * @param detector the face detector
 * @param classifier the emotion classifier
 * @param owned what the instance closes
 */
record Components(FaceDetector detector, EmotionClassifier classifier, List<AutoCloseable> owned) {

    private static final Logger LOG = LoggerFactory.getLogger(Emojify.class);

    /**
     * Takes the builder's components and discovers the missing ones. When that fails, what was made (and what was
     * handed over) is closed before the error goes on.
     */
    static Components resolve(FaceDetector givenDetector, EmotionClassifier givenClassifier, boolean handedOver,
            BackendOptions options) {
        List<AutoCloseable> own = new ArrayList<>();
        if (handedOver) {
            // handed over: closed with the instance, or now if it cannot be built; once if both are one object
            if (givenDetector != null) {
                own.add(givenDetector);
            }
            if (givenClassifier != null && givenClassifier != (Object) givenDetector) {
                own.add(givenClassifier);
            }
        }
        try {
            List<EmojifyProvider> providers = givenDetector == null || givenClassifier == null
                    ? ProviderDiscovery.candidates(EmojifyProvider.class.getClassLoader()) : List.of();
            FaceDetector detector = givenDetector;
            if (detector == null) {
                detector = firstAvailable(providers, p -> p.newFaceDetector(options), "face detector");
                own.add(detector);
            }
            EmotionClassifier classifier = givenClassifier;
            if (classifier == null) {
                classifier = firstAvailable(providers, p -> p.newEmotionClassifier(options), "emotion classifier");
                own.add(classifier);
            }
            return new Components(detector, classifier, own);
        } catch (RuntimeException e) {
            closeAll(own);
            throw e;
        }
    }

    /**
     * Takes a component from the first provider that can supply it, logging why each one before it could not. Only a
     * backend that is not there (its classes or natives missing, {@link ProviderException}) or whose weights cannot be
     * had here ({@link ModelUnavailableException}) passes the turn to the next; a configuration mistake
     * ({@link ConfigurationException}) or a model that is present but wrong is an error.
     */
    private static <T> T firstAvailable(List<EmojifyProvider> providers, Function<EmojifyProvider, T> make,
            String what) {
        List<String> reasons = new ArrayList<>();
        for (EmojifyProvider p : providers) {
            try {
                T component = make.apply(p);
                if (!reasons.isEmpty()) {
                    LOG.warn("Using the {} backend's {} because {}", p.name(), what, String.join("; ", reasons));
                }
                return component;
            } catch (ProviderException | ModelUnavailableException | LinkageError e) {
                // one backend that cannot serve here never stops the others
                reasons.add("the " + p.name() + " backend could not supply one: " + e.getMessage());
            }
        }
        throw new ProviderException("No backend could supply a " + what + ": " + String.join("; ", reasons));
    }

    /** Closes what the instance owns, logging (not throwing) a failure. */
    void close() {
        closeAll(owned);
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable c : resources) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("Closing {} failed: {}", c, e.toString());
            }
        }
    }
}
