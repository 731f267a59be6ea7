package io.emojify.spi;

import io.emojify.emotion.EmotionClassifier;
import io.emojify.face.FaceDetector;
import io.emojify.model.ModelException;
import io.emojify.testing.FixedFaceDetector;
import io.emojify.testing.MeanBrightnessClassifier;
import java.util.Set;

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

    /** Reads one option, {@code detector}: {@code fixed}, or {@code corrupt} for weights that are there but wrong. */
    @Override
    public FaceDetector newFaceDetector(BackendOptions options) {
        options.requireOnly(name(), Set.of(BackendOptions.DETECTOR));
        String detector = options.get(BackendOptions.DETECTOR).orElse("fixed");
        return switch (detector) {
            case "fixed" -> newFaceDetector();
            case "corrupt" -> throw new ModelException("fixed.onnx has SHA-256 00, but its card gives 11");
            default -> throw new ConfigurationException("Unknown face detector '" + detector + "'; use fixed");
        };
    }

    @Override
    public EmotionClassifier newEmotionClassifier(BackendOptions options) {
        options.requireOnly(name(), Set.of(BackendOptions.DETECTOR));
        return newEmotionClassifier();
    }
}
