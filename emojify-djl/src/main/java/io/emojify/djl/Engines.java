package io.emojify.djl;

import ai.djl.engine.Engine;
import io.emojify.model.ModelException;
import java.util.Locale;

/**
 * Chooses the DJL engine: the system property {@value #ENGINE_PROPERTY} ({@code PyTorch} or {@code OnnxRuntime}) when set,
 * else OnnxRuntime when it is on the class path, else PyTorch.
 */
public final class Engines {

    /** The system property that names the engine for the emotion model. */
    public static final String ENGINE_PROPERTY = "emojify.engine";
    /** DJL's name of the PyTorch engine. */
    public static final String PYTORCH = "PyTorch";
    /** DJL's name of the OnnxRuntime engine. */
    public static final String ONNX_RUNTIME = "OnnxRuntime";

    private Engines() {}

    /**
     * Returns the engine for the emotion model.
     *
     * @return {@code PyTorch} or {@code OnnxRuntime}
     * @throws ModelException if the named engine is unknown or not on the class path
     */
    public static String emotionEngine() {
        String named = System.getProperty(ENGINE_PROPERTY);
        if (named != null && !named.isBlank()) {
            return require(named);
        }
        if (Engine.hasEngine(ONNX_RUNTIME)) {
            return ONNX_RUNTIME;
        }
        if (Engine.hasEngine(PYTORCH)) {
            return PYTORCH;
        }
        throw new ModelException("Neither DJL engine is on the class path: add ai.djl.onnxruntime:onnxruntime-engine or"
                + " ai.djl.pytorch:pytorch-engine (with pytorch-native-cpu)");
    }

    /**
     * Normalises an engine name and checks that the engine is on the class path.
     *
     * @param name the name, in any case
     * @return DJL's spelling of it
     * @throws ModelException if the name is unknown or the engine is missing
     */
    public static String require(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        String engine = switch (n) {
            case "pytorch", "pt" -> PYTORCH;
            case "onnxruntime", "onnx", "ort" -> ONNX_RUNTIME;
            default -> throw new ModelException("Unknown engine '" + name + "' (from -D" + ENGINE_PROPERTY
                    + " or a setting); use PyTorch or OnnxRuntime");
        };
        if (!Engine.hasEngine(engine)) {
            throw new ModelException("The " + engine + " engine is not on the class path; add "
                    + (engine.equals(PYTORCH) ? "ai.djl.pytorch:pytorch-engine and pytorch-native-cpu"
                            : "ai.djl.onnxruntime:onnxruntime-engine"));
        }
        return engine;
    }
}
