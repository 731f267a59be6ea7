package io.emojify.opencv;

import io.emojify.emotion.EmotionClassifier;
import io.emojify.face.FaceDetector;
import io.emojify.spi.EmojifyProvider;
import io.emojify.spi.ProviderException;

/**
 * The OpenCV backend: a face detector that needs no download ({@link HaarCascadeFaceDetector}), at a lower priority than
 * the DJL backend, so that it is used when YuNet's weights cannot be had. It has no emotion classifier. Without OpenCV's
 * native artifact for this platform it supplies nothing ({@link ProviderException} naming the artifacts), so that the
 * other backends go on.
 */
public final class OpenCvEmojifyProvider implements EmojifyProvider {

    /** Creates the provider (cheap: nothing is loaded until the detector is made). */
    public OpenCvEmojifyProvider() {}

    @Override
    public String name() {
        return "OpenCV";
    }

    @Override
    public int priority() {
        return 1;
    }

    @Override
    public FaceDetector newFaceDetector() {
        if (HaarCascadeFaceDetector.class.getResource(HaarCascadeFaceDetector.cascadeResource()) == null) {
            throw new ProviderException(HaarCascadeFaceDetector.missingNatives());
        }
        return new HaarCascadeFaceDetector();
    }

    @Override
    public EmotionClassifier newEmotionClassifier() {
        throw new ProviderException("The OpenCV backend has no emotion classifier; add io.emojify:emojify-djl");
    }
}
