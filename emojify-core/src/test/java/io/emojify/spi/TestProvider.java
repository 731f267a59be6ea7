package io.emojify.spi;

import io.emojify.emotion.EmotionClassifier;
import io.emojify.face.FaceDetector;
import io.emojify.testing.FixedFaceDetector;
import io.emojify.testing.MeanBrightnessClassifier;

/** A working provider registered for the tests. */
public final class TestProvider implements EmojifyProvider {
    @Override
    public String name() {
        return "test";
    }

    @Override
    public int priority() {
        return 5;
    }

    @Override
    public FaceDetector newFaceDetector() {
        return new FixedFaceDetector();
    }

    @Override
    public EmotionClassifier newEmotionClassifier() {
        return new MeanBrightnessClassifier();
    }
}
