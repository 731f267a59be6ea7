package io.emojify.contract;

import io.emojify.emotion.EmotionClassifier;
import io.emojify.face.FaceDetector;
import io.emojify.testing.FixedFaceDetector;
import io.emojify.testing.MeanBrightnessClassifier;
import org.junit.jupiter.api.Nested;

/** The test doubles used by the pipeline tests meet the same contracts as real plug-ins. */
class TestDoublesMeetTheContractsTest {

    @Nested
    class FixedDetector extends FaceDetectorContract {
        @Override
        protected FaceDetector createDetector() {
            return new FixedFaceDetector();
        }
    }

    @Nested
    class BrightnessClassifier extends EmotionClassifierContract {
        @Override
        protected EmotionClassifier createClassifier() {
            return new MeanBrightnessClassifier();
        }
    }
}
