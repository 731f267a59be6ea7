package io.emojify.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.emojify.djl.face.DetectorSettings;
import io.emojify.render.RenderMode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

/** The options travel to executors by Java serialization and key the executors' instances by value. */
class EmojifySparkOptionsTest {

    @Test
    void serializedOptionsAreEqualAndHashAlike() throws IOException, ClassNotFoundException {
        EmojifySparkOptions o = EmojifySparkOptions.defaults().withModelsFolder("/models").withEngine("OnnxRuntime")
                .withDetector(DetectorSettings.VIDEO.withScoreThreshold(0.7)).withImage("jpg", RenderMode.BADGE)
                .withMaxPixels(1_000_000).withScope(EmojifySparkOptions.Scope.TASK);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        Object back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = in.readObject();
        }
        assertEquals(o, back);
        assertEquals(o.hashCode(), back.hashCode());
        assertEquals("jpeg", o.imageFormat());
        assertEquals(DetectorSettings.VIDEO.withScoreThreshold(0.7), o.detector().settings());
        assertNotEquals(o, o.withScope(EmojifySparkOptions.Scope.EXECUTOR));
    }

    @Test
    void badValuesAreRefusedAndBlanksMeanUnset() {
        assertThrows(IllegalArgumentException.class, () -> EmojifySparkOptions.defaults().withImage("gif", RenderMode.REPLACE));
        assertThrows(IllegalArgumentException.class, () -> EmojifySparkOptions.defaults().withMaxPixels(0));
        assertThrows(IllegalArgumentException.class,
                () -> new EmojifySparkOptions.Detector(1.5, 0.3, 640, 10, 0));
        assertNull(EmojifySparkOptions.defaults().withModelsFolder("  ").modelsFolder());
        assertEquals(DetectorSettings.PHOTO, EmojifySparkOptions.defaults().detector().settings());
    }
}
