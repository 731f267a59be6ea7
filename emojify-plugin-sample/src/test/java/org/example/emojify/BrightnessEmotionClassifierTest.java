package org.example.emojify;

import io.emojify.contract.EmotionClassifierContract;
import io.emojify.emotion.EmotionClassifier;

/** The classifier passes every test of Emojify's contract. */
class BrightnessEmotionClassifierTest extends EmotionClassifierContract {

    @Override
    protected EmotionClassifier createClassifier() {
        return new BrightnessEmotionClassifier();
    }
}
