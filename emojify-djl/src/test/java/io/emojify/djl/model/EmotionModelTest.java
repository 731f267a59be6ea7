package io.emojify.djl.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmotionModelTest {

    private static int shutdownHooks() throws Exception {
        Field hooks = Class.forName("java.lang.ApplicationShutdownHooks").getDeclaredField("hooks");
        hooks.setAccessible(true);
        synchronized (Class.forName("java.lang.ApplicationShutdownHooks")) {
            return ((Map<?, ?>) hooks.get(null)).size();
        }
    }

    @Test
    void extractingTheEmbeddedModelRegistersNoShutdownHook() throws Exception {
        // a hook would hold this class (and its class loader) until the JVM exits: an application server that
        // redeploys the application would keep every copy
        int before = shutdownHooks();
        EmotionModel model = EmotionModel.extractEmbedded();
        assertEquals(before, shutdownHooks(), "shutdown hooks");
        assertTrue(Files.isRegularFile(model.onnxFile()) && Files.isRegularFile(model.parametersFile()));
        assertEquals(model.card().onnxFile(), model.onnxFile().getFileName().toString());
    }
}
