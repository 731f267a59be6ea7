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
import io.emojify.face.WholeImageFaceDetector;
import io.emojify.image.ImageDecoder;
import io.emojify.image.Images;
import io.emojify.render.RenderMode;
import io.emojify.testing.SharedData;
import io.emojify.testing.TestImages;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
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

    /**
     * A face's emotion does not depend on who else is in the photo: the group's faces classified together and each on
     * its own give the same scores, on both engines. (On processors whose native convolution gets batches wrong, the
     * classifier notices when it loads and goes one face at a time.)
     */
    @Test
    void eachFaceScoresTheSameAloneAndInTheGroup() throws Exception {
        BufferedImage photo = ImageIO.read(SharedData.require("data/faces/photos/2.jpg").toFile());
        try (YuNetFaceDetector detector = YuNetFaceDetector.create()) {
            List<Face> faces = detector.detect(photo);
            assertEquals(4, faces.size());
            for (String engine : List.of(Engines.PYTORCH, Engines.ONNX_RUNTIME)) {
                try (DjlEmotionClassifier c = new DjlEmotionClassifier(EmotionModel.embedded(), engine)) {
                    List<EmotionScores> together = c.classify(photo, faces);
                    for (int i = 0; i < faces.size(); i++) {
                        assertArrayEquals(c.classify(photo, List.of(faces.get(i))).get(0).toArray(),
                                together.get(i).toArray(), 1e-5f, engine + ", face " + i);
                    }
                }
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

    /** Real photos made gray, stored once as gray and once as colour images: the same faces, emotions and scores. */
    @Test
    void grayAndColourStoragesOfOnePhotoGiveTheSameFacesAndScores() throws Exception {
        ImageDecoder decoder = new ImageDecoder();
        try (Emojify emojify = Emojify.create()) {
            for (String name : List.of("1.jpg", "2.jpg", "3.jpg", "9.jpg")) {
                BufferedImage gray = Images.toGray(decoder.read(SharedData.require("data/faces/photos/" + name)));
                List<AnnotatedFace> expected = emojify.analyze(gray);
                assertTrue(expected.size() >= 4, name + ": " + expected.size() + " faces");
                for (int type : TestImages.colourTypes()) {
                    List<AnnotatedFace> got = emojify.analyze(TestImages.sameGrayAs(gray, type));
                    assertEquals(expected.size(), got.size(), name + " stored as type " + type);
                    for (int i = 0; i < expected.size(); i++) {
                        assertEquals(expected.get(i).face().box(), got.get(i).face().box(), name + " type " + type);
                        assertEquals(expected.get(i).emotion(), got.get(i).emotion(), name + " type " + type);
                        assertArrayEquals(expected.get(i).scores().toArray(), got.get(i).scores().toArray(), 1e-3f,
                                name + " face " + i + " stored as type " + type);
                    }
                }
            }
        }
    }

    /**
     * Face crops through {@code Emojify} with the whole-image detector: the classifier sees each 48x48 FER-2013 face exactly
     * as the trainer does, so the scores equal those of the face's pixels given to the classifier directly.
     */
    @Test
    void wholeImageFacesAreClassifiedAsTheirPixels() throws Exception {
        Path test = SharedData.require("data/fer2013/test");
        ImageDecoder decoder = new ImageDecoder();
        try (DjlEmotionClassifier classifier = DjlEmotionClassifier.embedded();
                Emojify emojify = Emojify.builder().optFaceDetector(new WholeImageFaceDetector())
                        .optEmotionClassifier(classifier).build()) {
            int agree = 0;
            List<Path> files = new ArrayList<>();
            for (Emotion e : Emotion.values()) {
                try (Stream<Path> s = Files.list(test.resolve(e.label()))) {
                    s.sorted().limit(5).forEach(files::add);
                }
            }
            for (Path f : files) {
                BufferedImage face = decoder.read(f);
                List<AnnotatedFace> faces = emojify.analyze(face);
                assertEquals(1, faces.size());
                float[] pixels = Images.luma(face, 0, 0, 48, 48);
                for (int i = 0; i < pixels.length; i++) {
                    pixels[i] /= 255f;
                }
                float[] direct = classifier.classifyCrops(new float[][] {pixels}).get(0).toArray();
                assertArrayEquals(direct, faces.get(0).scores().toArray(), 1e-4f, f.toString());
                agree += faces.get(0).emotion().label().equals(f.getParent().getFileName().toString()) ? 1 : 0;
            }
            assertTrue(agree >= files.size() / 2, "only " + agree + " of " + files.size() + " faces got their label");
        }
    }

    @Test
    void theEmbeddedModelCardTravelsWithTheModel() {
        EmotionModel m = EmotionModel.embedded();
        assertEquals("compact", m.card().architecture());
        assertEquals(Emotion.labels(), m.card().classes());
        assertTrue(m.card().metrics().containsKey("publicTest"), "the card carries its metrics");
        assertTrue(m.card().recipe().containsKey("seed"), "the card carries its recipe");
    }
}
