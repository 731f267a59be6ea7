package io.emojify.spi;

import io.emojify.emotion.EmotionClassifier;
import io.emojify.face.FaceDetector;

/** A provider whose constructor fails, registered for the tests: discovery must skip it. */
public final class BrokenProvider implements EmojifyProvider {

    /** Always fails, as a provider with a missing dependency would. */
    public BrokenProvider() {
        throw new NoClassDefFoundError("some/missing/Dependency");
    }

    @Override
    public String name() {
        return "broken";
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public FaceDetector newFaceDetector() {
        throw new UnsupportedOperationException();
    }

    @Override
    public EmotionClassifier newEmotionClassifier() {
        throw new UnsupportedOperationException();
    }
}
