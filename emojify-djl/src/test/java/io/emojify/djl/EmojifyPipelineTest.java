package io.emojify.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emojify.AnnotatedFace;
import io.emojify.Annotation;
import io.emojify.Emojify;
import io.emojify.djl.emotion.DjlEmotionClassifier;
import io.emojify.djl.face.YuNetFaceDetector;
import io.emojify.djl.model.EmotionModel;
import io.emojify.emotion.Emotion;
import io.emojify.emotion.EmotionScores;
import io.emojify.face.Face;
import io.emojify.render.RenderMode;
import io.emojify.testing.SharedData;
import io.emojify.testing.TestImages;
import java.awt.image.BufferedImage;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The whole path from photo to emojified photo with the discovered DJL backend and the model shipped in the jar. */
class EmojifyPipelineTest {

    @Test
    void fourSmilingPeopleAreFoundAndCalledHappy() throws Exception {
        BufferedImage photo = ImageIO.read(SharedData.require("data/faces/photos/2.jpg").toFile());
        int[] before = TestImages.pixels(photo);
        try (Emojify emojify = Emojify.create()) {
            Annotation a = emojify.process(photo);
            assertEquals(4, a.faces().size(), "faces: " + a.faces());
            for (AnnotatedFace f : a.faces()) {
                assertEquals(Emotion.HAPPY, f.emotion(), "scores: " + f.scores());
            }
            assertArrayEquals(before, TestImages.pixels(photo), "the input photo was modified");
            assertEquals(photo.getWidth(), a.image().getWidth());
        }
    }

    @Test
    void theStaticConvenienceUsesTheDiscoveredDefaults() throws Exception {
        BufferedImage photo = ImageIO.read(SharedData.require("data/faces/photos/2.jpg").toFile());
        Annotation first = Emojify.annotate(photo);
        Annotation second = Emojify.annotate(photo);
        assertEquals(4, first.faces().size());
        assertEquals(first.faces(), second.faces(), "the shared instance gives the same answer every time");
    }

    @Test
    void bothEnginesAgreeOnRealFaces() throws Exception {
        BufferedImage photo = ImageIO.read(SharedData.require("data/faces/photos/2.jpg").toFile());
        try (YuNetFaceDetector detector = YuNetFaceDetector.create();
                DjlEmotionClassifier pt = new DjlEmotionClassifier(EmotionModel.embedded(), Engines.PYTORCH);
                DjlEmotionClassifier ort = new DjlEmotionClassifier(EmotionModel.embedded(), Engines.ONNX_RUNTIME)) {
            List<Face> faces = detector.detect(photo);
            List<EmotionScores> a = pt.classify(photo, faces);
            List<EmotionScores> b = ort.classify(photo, faces);
            for (int i = 0; i < faces.size(); i++) {
                assertArrayEquals(a.get(i).toArray(), b.get(i).toArray(), 1e-4f);
            }
        }
    }

    @Test
    void theDogsGetNoEmojiAndEveryModeRenders() throws Exception {
        BufferedImage dogs = ImageIO.read(SharedData.require("data/faces/dlib/dogs.jpg").toFile());
        for (RenderMode mode : RenderMode.values()) {
            try (Emojify emojify = Emojify.builder().optRenderMode(mode).build()) {
                assertEquals(0, emojify.process(dogs).faces().size());
                Annotation a = emojify.process(ImageIO.read(SharedData.require("data/faces/photos/2.jpg").toFile()));
                assertTrue(a.faces().size() >= 4);
            }
        }
    }

    @Test
    void theEmbeddedModelCardTravelsWithTheModel() {
        EmotionModel m = EmotionModel.embedded();
        assertEquals("compact", m.card().architecture);
        assertEquals(Emotion.labels(), m.card().classes);
        assertTrue(m.card().metrics.containsKey("publicTest"), "the card carries its metrics");
        assertTrue(m.card().recipe.containsKey("seed"), "the card carries its recipe");
    }
}
