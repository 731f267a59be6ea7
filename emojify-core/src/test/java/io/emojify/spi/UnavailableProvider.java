package io.emojify.spi;

import io.emojify.emotion.EmotionClassifier;
import io.emojify.face.FaceDetector;
import io.emojify.model.ModelUnavailableException;

/** The highest-priority test provider, whose components cannot be had (as on a machine that cannot download weights). */
public final class UnavailableProvider implements EmojifyProvider {
    @Override
    public String name() {
        return "unavailable";
    }

    @Override
    public int priority() {
        return 50;
    }

    @Override
    public FaceDetector newFaceDetector() {
        throw new ModelUnavailableException("weights cannot be downloaded here");
    }

    @Override
    public EmotionClassifier newEmotionClassifier() {
        throw new ModelUnavailableException("no model here");
    }
}
