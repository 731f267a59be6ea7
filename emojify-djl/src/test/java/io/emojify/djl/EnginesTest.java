package io.emojify.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import io.emojify.djl.emotion.DjlEmotionClassifier;
import io.emojify.model.ModelException;
import org.junit.jupiter.api.Test;

class EnginesTest {

    @Test
    void theOnnxRuntimeModelsRunOnTheCpuWithoutASecondEngine() {
        try (DjlEmotionClassifier c = DjlEmotionClassifier.builder().optEngine(Engines.ONNX_RUNTIME).build()) {
            assertEquals(Engines.ONNX_RUNTIME, c.engine());
        }
        // PyTorch is on this class path, yet OnnxRuntime did not take it as its alternative engine
        assertEquals("true", System.getProperty(Engines.DISABLE_ALTERNATIVE_PROPERTY));
        assertNull(Engine.getEngine(Engines.ONNX_RUNTIME).getAlternativeEngine());
        try (Model m = Engines.newModel("probe", Engines.PYTORCH)) {
            assertEquals(Device.cpu(), m.getNDManager().getDevice());
        }
    }

    @Test
    void aMisspeltEngineNamesTheChoices() {
        ModelException e = assertThrows(ModelException.class, () -> Engines.require("onxruntime"));
        assertTrue(e.getMessage().contains("'onxruntime'") && e.getMessage().contains("PyTorch or OnnxRuntime"),
                e.getMessage());
    }

    @Test
    void theThreadSettingsOfOnnxRuntimeAreReadAndAMistakeIsAnError() {
        try {
            System.setProperty(Engines.ORT_INTRA_OP_THREADS_PROPERTY, "1");
            System.setProperty(Engines.ORT_SPINNING_PROPERTY, "true");
            assertEquals(1, Engines.intraOpThreads());
            assertTrue(Engines.spinning());
            try (DjlEmotionClassifier c = DjlEmotionClassifier.builder().optEngine(Engines.ONNX_RUNTIME).build()) {
                assertEquals(Engines.ONNX_RUNTIME, c.engine()); // its load-time check ran the network with them
            }
            System.setProperty(Engines.ORT_INTRA_OP_THREADS_PROPERTY, "0");
            ModelException threads = assertThrows(ModelException.class,
                    () -> Engines.newModel("probe", Engines.ONNX_RUNTIME));
            assertTrue(threads.getMessage().contains("-Demojify.onnxruntime.intraOpThreads=0")
                    && threads.getMessage().contains("1 to 256"), threads.getMessage());
            System.clearProperty(Engines.ORT_INTRA_OP_THREADS_PROPERTY);
            System.setProperty(Engines.ORT_SPINNING_PROPERTY, "yes");
            ModelException spinning = assertThrows(ModelException.class,
                    () -> Engines.newModel("probe", Engines.ONNX_RUNTIME));
            assertTrue(spinning.getMessage().contains("=yes") && spinning.getMessage().contains("true nor false"),
                    spinning.getMessage());
        } finally {
            System.clearProperty(Engines.ORT_INTRA_OP_THREADS_PROPERTY);
            System.clearProperty(Engines.ORT_SPINNING_PROPERTY);
        }
        assertNull(Engines.intraOpThreads(), "unset: ONNX Runtime's default");
        assertTrue(!Engines.spinning(), "unset: the threads sleep while they wait");
    }
}
