package io.emojify.spi;

import io.emojify.emotion.EmotionClassifier;
import io.emojify.face.FaceDetector;

/** A second working provider of lower priority, registered for the tests. */
public final class LowPriorityProvider implements EmojifyProvider {
    @Override
    public String name() {
        return "low";
    }

    @Override
    public int priority() {
        return 1;
    }

    @Override
    public FaceDetector newFaceDetector() {
        throw new UnsupportedOperationException("not used");
    }

    @Override
    public EmotionClassifier newEmotionClassifier() {
        throw new UnsupportedOperationException("not used");
    }
}
