package io.emojify.djl.emotion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emojify.Emojify;
import io.emojify.EmojifyException;
import io.emojify.djl.Engines;
import io.emojify.emotion.EmotionClassifier;
import io.emojify.emotion.EmotionModelName;
import io.emojify.emotion.FaceViews;
import io.emojify.face.WholeImageFaceDetector;
import io.emojify.model.ModelException;
import org.junit.jupiter.api.Test;

/** Emotion models by name, as a project that depends on emojify-djl alone meets them. */
class EmotionModelsTest {

    @Test
    void compactIsTheDefaultAndNamesAreCaseInsensitive() {
        assertEquals("compact", EmotionModels.resolve(null));
        assertEquals("accurate", EmotionModels.resolve(" Accurate "));
        try (EmotionClassifier c = EmotionModels.classifier("COMPACT", Engines.ONNX_RUNTIME)) {
            DjlEmotionClassifier d = (DjlEmotionClassifier) c;
            assertEquals("compact", d.model().card().architecture());
            assertEquals(FaceViews.SINGLE, d.views());
        }
    }

    @Test
    void anUnknownNameIsAnErrorNamingTheChoices() {
        ModelException e = assertThrows(ModelException.class, () -> EmotionModels.classifier("acurate", null));
        assertEquals("Unknown emotion model 'acurate'; use compact or accurate", e.getMessage());
        EmojifyException viaBuilder = assertThrows(EmojifyException.class, () -> Emojify.builder()
                .optFaceDetector(new WholeImageFaceDetector()).optEmotionModel("big").build());
        assertTrue(viaBuilder.getMessage().contains("Unknown emotion model 'big'; use compact or accurate"),
                viaBuilder.getMessage());
    }

    @Test
    void withoutItsArtifactTheAccurateModelIsAnErrorNamingTheArtifact() {
        assertFalse(EmotionModels.accurateAvailable(), "emojify-djl alone must not bring the accurate weights");
        assertTrue(EmotionModels.class.getResource("/io/emojify/models/accurate/vgg/vgg-1crop.half.ndlist") == null);
        ModelException e = assertThrows(ModelException.class,
                () -> EmotionModels.classifier(EmotionModelName.ACCURATE, null));
        assertTrue(e.getMessage().contains("io.emojify:emojify-model-accurate"), e.getMessage());
    }

    @Test
    void tenCropsNeedAModelWhoseInputIsSmallerThanTheFace() {
        ModelException e = assertThrows(ModelException.class, () -> DjlEmotionClassifier.builder()
                .optViews(FaceViews.TEN_CROP).optEngine(Engines.ONNX_RUNTIME).build());
        assertTrue(e.getMessage().contains("Ten crops need a model whose input is smaller"), e.getMessage());
    }
}
