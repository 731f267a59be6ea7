package io.emojify.models.accurate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emojify.Emojify;
import io.emojify.djl.Engines;
import io.emojify.djl.emotion.DjlEmotionClassifier;
import io.emojify.djl.emotion.EmotionModels;
import io.emojify.djl.emotion.EnsembleEmotionClassifier;
import io.emojify.emotion.EmotionClassifier;
import io.emojify.emotion.EmotionModelName;
import io.emojify.emotion.EmotionScores;
import io.emojify.emotion.FaceViews;
import io.emojify.face.BoundingBox;
import io.emojify.face.Face;
import io.emojify.face.WholeImageFaceDetector;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The accurate model as an application that adds this artifact gets it: by name, on either engine. */
class AccurateModelTest {

    /** A drawn face-like picture: a light oval with dark eyes and an open mouth, on a gray background. */
    static BufferedImage face() {
        BufferedImage img = new BufferedImage(160, 160, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(90, 90, 90));
        g.fillRect(0, 0, 160, 160);
        g.setColor(new Color(220, 190, 170));
        g.fillOval(30, 20, 100, 125);
        g.setColor(Color.BLACK);
        g.fillOval(55, 60, 14, 9);
        g.fillOval(91, 60, 14, 9);
        g.fillArc(58, 95, 44, 30, 180, 180);
        g.dispose();
        return img;
    }

    static List<Face> faces() {
        return List.of(new Face(new BoundingBox(30, 20, 100, 125), 0.99f, null));
    }

    @Test
    void theAccurateModelIsAnEnsembleOfTheVggOnTenCropsAndTheCompactOnTheFaceAndItsMirror() {
        assertTrue(EmotionModels.accurateAvailable());
        try (EmotionClassifier c = EmotionModels.classifier(EmotionModelName.ACCURATE, Engines.ONNX_RUNTIME)) {
            EnsembleEmotionClassifier e = assertInstanceOf(EnsembleEmotionClassifier.class, c);
            assertEquals(2, e.members().size());
            DjlEmotionClassifier vgg = (DjlEmotionClassifier) e.members().get(0);
            DjlEmotionClassifier compact = (DjlEmotionClassifier) e.members().get(1);
            assertEquals("vgg", vgg.model().card().architecture());
            assertEquals(FaceViews.TEN_CROP, vgg.views());
            assertEquals(40, vgg.inputSize());
            assertEquals("compact", compact.model().card().architecture());
            assertEquals(FaceViews.MIRROR, compact.views());
            List<EmotionScores> scores = c.classify(face(), faces());
            assertEquals(1, scores.size());
            float sum = 0;
            for (float p : scores.get(0).toArray()) {
                sum += p;
            }
            assertEquals(1f, sum, 1e-4f);
        }
    }

    @Test
    void bothEnginesReadTheHalfPrecisionWeightsAndAgree() {
        try (EmotionClassifier ort = EmotionModels.classifier(EmotionModelName.ACCURATE, Engines.ONNX_RUNTIME);
                EmotionClassifier pt = EmotionModels.classifier(EmotionModelName.ACCURATE, Engines.PYTORCH)) {
            float[] a = ort.classify(face(), faces()).get(0).toArray();
            float[] b = pt.classify(face(), faces()).get(0).toArray();
            for (int c = 0; c < a.length; c++) {
                assertEquals(a[c], b[c], 1e-3, "class " + c + ": OnnxRuntime " + a[c] + ", PyTorch " + b[c]);
            }
        }
    }

    @Test
    void emojifyChoosesTheModelByName() {
        try (Emojify accurate = Emojify.builder().optFaceDetector(new WholeImageFaceDetector())
                        .optEmotionModel(EmotionModelName.ACCURATE).build();
                Emojify compact = Emojify.builder().optFaceDetector(new WholeImageFaceDetector())
                        .optEmotionModel("compact").build()) {
            assertTrue(accurate.emotionClassifier().name().startsWith("emojify-emotion-accurate"),
                    accurate.emotionClassifier().name());
            assertTrue(compact.emotionClassifier().name().startsWith("emojify-emotion-compact"),
                    compact.emotionClassifier().name());
        }
    }
}
