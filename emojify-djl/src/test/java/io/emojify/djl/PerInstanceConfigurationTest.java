package io.emojify.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emojify.AnnotatedFace;
import io.emojify.Emojify;
import io.emojify.djl.face.DetectorSettings;
import io.emojify.djl.face.YuNetFaceDetector;
import io.emojify.emotion.Emotion;
import io.emojify.live.LiveOptions;
import io.emojify.live.LiveSession;
import io.emojify.model.ModelException;
import io.emojify.spi.ConfigurationException;
import io.emojify.testing.FixedFaceDetector;
import io.emojify.testing.SharedData;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two instances in one JVM configured differently through {@code Emojify.builder()}, and the mistakes it refuses. */
class PerInstanceConfigurationTest {

    @Test
    void twoInstancesWithDifferentEnginesAndDetectorsEachGetTheirOwn() throws Exception {
        Path models = SharedData.require("models");
        Path photo = SharedData.require("data/faces/photos/2.jpg");
        try (Emojify a = Emojify.builder().optEngine("PyTorch").optDetector("ultraface").optModelsFolder(models).build();
                Emojify b = Emojify.builder().optEngine("OnnxRuntime").optDetector("YuNet").optModelsFolder(models)
                        .build()) {
            assertTrue(a.faceDetector().name().startsWith("UltraFace"), a.faceDetector().name());
            assertTrue(a.emotionClassifier().name().endsWith("PyTorch)"), a.emotionClassifier().name());
            assertTrue(b.faceDetector().name().startsWith("YuNet"), b.faceDetector().name());
            assertTrue(b.emotionClassifier().name().endsWith("OnnxRuntime)"), b.emotionClassifier().name());
            // both read the four smiling people of the photo, each with its own detector and engine
            for (Emojify e : List.of(a, b)) {
                List<AnnotatedFace> faces = e.analyze(photo);
                assertEquals(4, faces.size(), e.faceDetector().name() + ": " + faces);
                for (AnnotatedFace f : faces) {
                    assertEquals(Emotion.HAPPY, f.emotion(), e.emotionClassifier().name() + ": " + f.scores());
                }
            }
        }
    }

    @Test
    void aLiveSessionGetsYuNetsVideoPresetAndAnInstanceItsPhotoPresetUnlessAsked() {
        Path models = SharedData.require("models");
        try (LiveSession live = Emojify.builder().optModelsFolder(models).buildLive(LiveOptions.defaults());
                Emojify photo = Emojify.builder().optModelsFolder(models).build();
                Emojify video = Emojify.builder().optDetection("video").optModelsFolder(models).build()) {
            assertEquals(DetectorSettings.VIDEO, ((YuNetFaceDetector) live.emojify().faceDetector()).settings());
            assertEquals(DetectorSettings.PHOTO, ((YuNetFaceDetector) photo.faceDetector()).settings());
            assertEquals(DetectorSettings.VIDEO, ((YuNetFaceDetector) video.faceDetector()).settings());
        }
    }

    @Test
    void misspeltDetectorEngineOrOptionIsAnErrorThatNamesTheChoices() {
        ModelException detector = assertThrows(ModelException.class,
                () -> Emojify.builder().optDetector("yunett").build());
        assertEquals("Unknown face detector 'yunett'; use yunet or ultraface", detector.getMessage());
        ModelException engine = assertThrows(ModelException.class,
                () -> Emojify.builder().optEngine("OnnxRuntme").optFaceDetector(new FixedFaceDetector()).build());
        assertTrue(engine.getMessage().contains("'OnnxRuntme'") && engine.getMessage().contains("PyTorch")
                && engine.getMessage().contains("OnnxRuntime"), engine.getMessage());
        ConfigurationException option = assertThrows(ConfigurationException.class,
                () -> Emojify.builder().optBackendOption("enigne", "PyTorch").build());
        assertEquals("The DJL backend has no option [enigne] (given {enigne=PyTorch}); its options are "
                + "[detection, detector, emotion-model, engine, models, offline]", option.getMessage());
        ConfigurationException detection = assertThrows(ConfigurationException.class,
                () -> Emojify.builder().optBackendOption("detection", "movie").build());
        assertTrue(detection.getMessage().contains("'movie'") && detection.getMessage().contains("photo or video"),
                detection.getMessage());
        ConfigurationException offline = assertThrows(ConfigurationException.class,
                () -> Emojify.builder().optBackendOption("offline", "yes").build());
        assertTrue(offline.getMessage().contains("'yes'"), offline.getMessage());
        ModelException folder = assertThrows(ModelException.class,
                () -> Emojify.builder().optModelsFolder(Path.of("no-such-models-folder")).build());
        assertTrue(folder.getMessage().contains("no-such-models-folder"), folder.getMessage());
    }
}
