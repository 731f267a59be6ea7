package io.emojify.spi;

import io.emojify.emotion.EmotionClassifier;
import io.emojify.face.FaceDetector;
import io.emojify.model.ModelException;

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
        throw new ModelException("weights cannot be downloaded here");
    }

    @Override
    public EmotionClassifier newEmotionClassifier() {
        throw new ModelException("no model here");
    }
}
