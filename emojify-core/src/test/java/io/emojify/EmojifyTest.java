package io.emojify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emojify.emotion.Emotion;
import io.emojify.render.RenderMode;
import io.emojify.testing.FixedFaceDetector;
import io.emojify.testing.MeanBrightnessClassifier;
import io.emojify.testing.TestImages;
import io.emojify.image.ImageDecodingException;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmojifyTest {

    private static Emojify build(RenderMode mode, FixedFaceDetector detector) {
        return Emojify.builder().optFaceDetector(detector).optEmotionClassifier(new MeanBrightnessClassifier())
                .optRenderMode(mode).build();
    }

    @Test
    void everyModeOnEveryImageTypeDrawsOnACopy() {
        for (RenderMode mode : RenderMode.values()) {
            try (Emojify e = build(mode, new FixedFaceDetector())) {
                for (int type : TestImages.allTypes()) {
                    BufferedImage img = TestImages.scene(type, 120, 90);
                    int[] before = TestImages.pixels(img);
                    Annotation a = e.process(img);
                    assertArrayEquals(before, TestImages.pixels(img), "input modified: mode " + mode + " type " + type);
                    assertEquals(1, a.faces().size());
                    assertEquals(120, a.image().getWidth());
                    assertEquals(90, a.image().getHeight());
                    assertEquals(img.getColorModel().hasAlpha(), a.image().getColorModel().hasAlpha());
                    int centre = a.image().getRGB(60, 45);
                    int[] out = TestImages.pixels(a.image());
                    long changed = 0;
                    for (int i = 0; i < out.length; i++) {
                        if (out[i] != before[i]) {
                            changed++;
                        }
                    }
                    assertTrue(changed > 50, "mode " + mode + " on type " + type + " changed only " + changed
                            + " pixels");
                    if (mode == RenderMode.REPLACE) {
                        assertNotEquals(img.getRGB(60, 45), centre, "the face centre must be covered");
                    }
                }
            }
        }
    }

    @Test
    void theSharedInstanceCanBeClosedAndIsMadeAgainWhenNeeded() {
        BufferedImage img = TestImages.scene(BufferedImage.TYPE_INT_RGB, 120, 90);
        Emojify.closeShared();
        assertEquals(1, Emojify.annotate(img).faces().size());
        int closedBefore = FixedFaceDetector.CLOSED_IN_JVM.get();
        Emojify.closeShared();
        assertEquals(closedBefore + 1, FixedFaceDetector.CLOSED_IN_JVM.get(), "the shared instance closed its detector");
        Emojify.closeShared();
        assertEquals(closedBefore + 1, FixedFaceDetector.CLOSED_IN_JVM.get(), "a second close does nothing");
        assertEquals(1, Emojify.annotate(img).faces().size(), "a later annotate makes a new shared instance");
        Emojify.closeShared();
        assertEquals(closedBefore + 2, FixedFaceDetector.CLOSED_IN_JVM.get());
    }

    @Test
    void facesCarryScoresEmotionAndEmoji() {
        try (Emojify e = build(RenderMode.REPLACE, new FixedFaceDetector())) {
            BufferedImage bright = new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB);
            java.awt.Graphics2D g = bright.createGraphics();
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, 100, 100);
            g.dispose();
            AnnotatedFace f = e.analyze(bright).get(0);
            assertEquals(Emotion.HAPPY, f.emotion());
            assertEquals(Emotion.HAPPY, f.scores().top());
            assertEquals("\uD83D\uDE04", f.emoji().text());
            assertEquals(Emotion.SAD, e.analyze(new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB)).get(0)
                    .emotion());
        }
    }

    @Test
    void badInputGetsTheLibrarysError() {
        try (Emojify e = Emojify.builder().optFaceDetector(new FixedFaceDetector())
                .optEmotionClassifier(new MeanBrightnessClassifier()).optMaxPixels(10_000).build()) {
            EmojifyException nul = assertThrows(EmojifyException.class, () -> e.process((BufferedImage) null));
            assertTrue(nul.getMessage().contains("null"));
            EmojifyException big = assertThrows(EmojifyException.class,
                    () -> e.process(new BufferedImage(200, 200, BufferedImage.TYPE_BYTE_GRAY)));
            assertTrue(big.getMessage().contains("200x200") && big.getMessage().contains("10000"), big.getMessage());
            assertEquals(0, e.process(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB)).faces().size());
        }
        assertThrows(IllegalArgumentException.class, () -> Emojify.builder().optMaxPixels(0));
        try (Emojify e = build(RenderMode.REPLACE, new FixedFaceDetector())) {
            // 20000x20000 at one bit per pixel: 50 MB here, but 1.6 GB once rendered in colour; refused by default
            BufferedImage huge = new BufferedImage(20_000, 20_000, BufferedImage.TYPE_BYTE_BINARY);
            EmojifyException ex = assertThrows(EmojifyException.class, () -> e.process(huge));
            assertTrue(ex.getMessage().contains("20000x20000") && ex.getMessage().contains("optMaxPixels"),
                    ex.getMessage());
        }
    }

    @Test
    void closeIsIdempotentUseAfterCloseFailsAndUserComponentsStayOpen() {
        FixedFaceDetector detector = new FixedFaceDetector();
        Emojify e = build(RenderMode.BADGE, detector);
        e.close();
        e.close();
        assertEquals(0, detector.closed, "a detector passed by the user is the user's to close");
        EmojifyException ex = assertThrows(EmojifyException.class,
                () -> e.process(new BufferedImage(50, 50, BufferedImage.TYPE_INT_RGB)));
        assertTrue(ex.getMessage().contains("closed"));
    }

    @Test
    void componentsHandedOverAreClosedWithTheInstanceOrWhenItCannotBeBuilt() {
        FixedFaceDetector detector = new FixedFaceDetector();
        MeanBrightnessClassifier classifier = new MeanBrightnessClassifier();
        Emojify e = Emojify.builder().optFaceDetector(detector).optEmotionClassifier(classifier)
                .optCloseGivenComponents(true).build();
        assertEquals(0, detector.closed);
        e.close();
        e.close();
        assertEquals(1, detector.closed, "closed once, with the instance");
        assertEquals(1, classifier.closed);

        // no classifier given and none can be discovered under this name: the build fails, the detector is not leaked
        FixedFaceDetector orphan = new FixedFaceDetector();
        assertThrows(RuntimeException.class, () -> Emojify.builder().optFaceDetector(orphan)
                .optBackendOption("no-such-option", "x").optCloseGivenComponents(true).build());
        assertEquals(1, orphan.closed, "closed when the instance could not be built");
    }

    @Test
    void filesAndStreamsAreDecodedAsTheCommandDecodesThem(@TempDir Path dir) throws Exception {
        // a phone photo stored 120x90 and tagged "turn 90 degrees": the faces are looked for in the upright 90x120 image
        java.io.ByteArrayOutputStream jpeg = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(TestImages.scene(BufferedImage.TYPE_INT_RGB, 120, 90), "jpg", jpeg);
        Path phone = Files.write(dir.resolve("phone.jpg"), TestImages.withExifOrientation(jpeg.toByteArray(), 6));
        try (Emojify e = build(RenderMode.REPLACE, new FixedFaceDetector())) {
            Annotation fromFile = e.process(phone);
            assertEquals(90, fromFile.image().getWidth());
            assertEquals(120, fromFile.image().getHeight());
            try (java.io.InputStream in = Files.newInputStream(phone)) {
                Annotation fromStream = e.process(in, "upload.jpg");
                assertArrayEquals(TestImages.pixels(fromFile.image()), TestImages.pixels(fromStream.image()));
            }
            assertEquals(fromFile.faces().size(), e.analyze(phone).size());

            Path cut = Files.write(dir.resolve("cut.jpg"), java.util.Arrays.copyOf(jpeg.toByteArray(), 300));
            ImageDecodingException truncated = assertThrows(ImageDecodingException.class, () -> e.process(cut));
            assertTrue(truncated.getMessage().contains(cut.toString()), truncated.getMessage());
        }
        try (Emojify small = Emojify.builder().optFaceDetector(new FixedFaceDetector())
                .optEmotionClassifier(new MeanBrightnessClassifier()).optMaxPixels(5_000).build()) {
            // the instance's pixel limit holds before decoding: 10,800 pixels declared
            ImageDecodingException big = assertThrows(ImageDecodingException.class, () -> small.process(phone));
            assertTrue(big.getMessage().contains("phone.jpg") && big.getMessage().contains("5000"), big.getMessage());
        }
    }
}
