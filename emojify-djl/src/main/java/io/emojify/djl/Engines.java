package io.emojify.djl;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import io.emojify.model.ModelException;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the DJL engine: the system property {@value #ENGINE_PROPERTY} ({@code PyTorch} or {@code OnnxRuntime}) when set,
 * else OnnxRuntime when it is on the class path, else PyTorch; and creates the DJL models of this library
 * ({@link #newModel}), on the CPU, without a second engine behind OnnxRuntime unless the application asks for one, and
 * without ONNX Runtime's noise on its CPU build (no CUDA probe, native log at errors, no staging folder left behind).
 */
public final class Engines {

    /** The system property that names the engine for the emotion model. */
    public static final String ENGINE_PROPERTY = "emojify.engine";
    /** DJL's name of the PyTorch engine. */
    public static final String PYTORCH = "PyTorch";
    /** DJL's name of the OnnxRuntime engine. */
    public static final String ONNX_RUNTIME = "OnnxRuntime";

    /**
     * DJL's OnnxRuntime setting: whether it may load a second engine (PyTorch, if present) for the array operations it
     * lacks. This library needs none, so it sets {@code true} unless the application has set it.
     */
    public static final String DISABLE_ALTERNATIVE_PROPERTY = "ai.djl.onnx.disable_alternative";

    /**
     * The system property that sets how many threads ONNX Runtime uses within one model call (its intra-op threads);
     * unset, ONNX Runtime's default (one per physical core).
     */
    public static final String ORT_INTRA_OP_THREADS_PROPERTY = "emojify.onnxruntime.intraOpThreads";

    /**
     * The system property that lets ONNX Runtime's threads spin while they wait for work ({@code true}); the default,
     * {@code false}, has them sleep. Spinning lowers one call's latency slightly on an otherwise idle machine, but burns
     * the cores that the rest of a pipeline (decoding, drawing, encoding, other requests) needs: on two cores,
     * {@code emojify video} ran 26-30 frames/s with spinning and 35-45 without (640x480, four faces).
     */
    public static final String ORT_SPINNING_PROPERTY = "emojify.onnxruntime.spinning";

    private static final Logger LOG = LoggerFactory.getLogger(Engines.class);
    private static final boolean CPU_ONLY_ONNX_RUNTIME = cpuOnlyOnnxRuntime();
    private static final AtomicBoolean ORT_STAGING_REMOVED = new AtomicBoolean();

    private Engines() {}

    /**
     * Creates a DJL model on the CPU. On OnnxRuntime, {@value #DISABLE_ALTERNATIVE_PROPERTY} is set to {@code true} first
     * unless the application has set it: otherwise DJL would also start PyTorch (extracting its native library, about
     * 430 MB, and doubling resident memory) for operations that this library never asks of it. The device is named, so
     * DJL does not probe for CUDA (and log that it is absent) on machines without a GPU.
     *
     * @param name the model's name
     * @param engine {@link #PYTORCH} or {@link #ONNX_RUNTIME}
     * @return the new model; the caller closes it
     * @throws ModelException if {@value #ORT_INTRA_OP_THREADS_PROPERTY} or {@value #ORT_SPINNING_PROPERTY} holds a value
     *     that is not one (the value and what it may be are named)
     */
    public static Model newModel(String name, String engine) {
        if (ONNX_RUNTIME.equals(engine)) {
            if (System.getProperty(DISABLE_ALTERNATIVE_PROPERTY) == null) {
                System.setProperty(DISABLE_ALTERNATIVE_PROPERTY, "true");
            }
            Engine ort = Engine.getEngine(ONNX_RUNTIME);
            if (CPU_ONLY_ONNX_RUNTIME) {
                settleDefaultDeviceOnCpu(ort);
                removeOnnxRuntimeStagingFolder();
            }
        }
        Integer threads = intraOpThreads(); // a mistake in the settings is an error before anything is made
        boolean spinning = spinning();
        Model model = Model.newInstance(name, Device.cpu(), engine);
        if (ONNX_RUNTIME.equals(engine)) {
            configureSession(model, threads, spinning);
        }
        return model;
    }

    /**
     * Sets ONNX Runtime's own log for the model's session, written to standard error, to errors only: third-party
     * graphs such as UltraFace's otherwise give a warning per weight ("initializer appears in graph inputs"), hundreds
     * per load. DJL keeps the session options in a private field of its model and has no setting for the level (options
     * passed at load replace them, and make DJL look for, and log about, ONNX Runtime's extensions); if a DJL version
     * lacks the field, the level stays ONNX Runtime's default. The same options take the threads settings
     * ({@value #ORT_INTRA_OP_THREADS_PROPERTY}, {@value #ORT_SPINNING_PROPERTY}).
     */
    private static void configureSession(Model model, Integer threads, boolean spinning) {
        try {
            Field field = model.getClass().getDeclaredField("sessionOptions");
            field.setAccessible(true);
            if (field.get(model) instanceof OrtSession.SessionOptions options) {
                options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
                if (threads != null) {
                    options.setIntraOpNumThreads(threads);
                }
                options.addConfigEntry("session.intra_op.allow_spinning", spinning ? "1" : "0");
            }
        } catch (ReflectiveOperationException | OrtException | RuntimeException e) {
            LOG.debug("Could not set ONNX Runtime's session options (log level, threads) for {}: {}", model.getName(),
                    e.toString());
        }
    }

    /**
     * Whether the ONNX Runtime on the class path is its CPU build: no CUDA provider library in its jar for this platform.
     */
    private static boolean cpuOnlyOnnxRuntime() {
        String osArch = System.getProperty("os.arch", "");
        String arch = osArch.startsWith("aarch64") ? "aarch64" : "x64";
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String dir = os.startsWith("linux") ? "linux-" + arch : os.startsWith("win") ? "win-" + arch : "osx-" + arch;
        String cuda = "ai/onnxruntime/native/" + dir + "/" + System.mapLibraryName("onnxruntime_providers_cuda");
        return Engines.class.getClassLoader().getResource(cuda) == null;
    }

    /**
     * With ONNX Runtime's CPU build, DJL would still find its default device by asking that build for CUDA, once, when
     * its first array manager is made, and log a WARN that CUDA is not supported. The answer is known: the CPU. DJL has
     * no setting for it, so the engine's default device is set to the CPU here (a private field: if a DJL version lacks
     * it, nothing is changed and DJL probes as before).
     */
    private static void settleDefaultDeviceOnCpu(Engine engine) {
        try {
            Field field = Engine.class.getDeclaredField("defaultDevice");
            field.setAccessible(true);
            synchronized (engine) {
                if (field.get(engine) == null) {
                    field.set(engine, Device.cpu());
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("Could not set DJL's default device for {}: {}", engine.getEngineName(), e.toString());
        }
    }

    /**
     * ONNX Runtime (1.21) copies its native libraries into a new folder {@code onnxruntime-java<digits>} of the
     * temporary folder when it loads, and asks the JVM to delete the files and the folder at exit in an order that
     * leaves the folder behind, empty, after every run. The libraries are loaded by then (and the CPU build stages no
     * provider library for later), so the folder is removed once the engine is up; where a loaded library cannot be
     * deleted (Windows), what remains is left as before (a private field again: if it is not there, nothing is done).
     */
    private static void removeOnnxRuntimeStagingFolder() {
        if (!ORT_STAGING_REMOVED.compareAndSet(false, true)) {
            return;
        }
        try {
            Field field = Class.forName("ai.onnxruntime.OnnxRuntime").getDeclaredField("tempDirectory");
            field.setAccessible(true);
            if (field.get(null) instanceof Path dir && dir.getFileName().toString().startsWith("onnxruntime-java")
                    && Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        Files.deleteIfExists(f);
                    }
                }
                Files.deleteIfExists(dir);
                LOG.debug("Removed ONNX Runtime's staging folder {}", dir);
            }
        } catch (ReflectiveOperationException | IOException | RuntimeException e) {
            LOG.debug("Could not remove ONNX Runtime's staging folder: {}", e.toString());
        }
    }

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
        if (engine.equals(PYTORCH) && !pytorchNativesPresent()) {
            throw new ModelException("PyTorch's native library is not on the class path: add "
                    + "ai.djl.pytorch:pytorch-native-cpu with your platform's classifier (linux-x86_64, linux-aarch64, "
                    + "osx-aarch64, win-x86_64) and ai.djl.pytorch:pytorch-jni, or set PYTORCH_LIBRARY_PATH; or use "
                    + ONNX_RUNTIME);
        }
        if (!Engine.hasEngine(engine)) {
            throw new ModelException("The " + engine + " engine is not on the class path; add "
                    + (engine.equals(PYTORCH) ? "ai.djl.pytorch:pytorch-engine and pytorch-native-cpu"
                            : "ai.djl.onnxruntime:onnxruntime-engine"));
        }
        return engine;
    }

    /**
     * Whether PyTorch can start without downloading: its native jar is on the class path, or a local libtorch is named
     * by {@code PYTORCH_LIBRARY_PATH}. (Without either, DJL would fetch a native library from its own server.)
     */
    private static boolean pytorchNativesPresent() {
        return Engines.class.getClassLoader().getResource("native/lib/pytorch.properties") != null
                || System.getenv("PYTORCH_LIBRARY_PATH") != null;
    }

    /** The intra-op threads asked for by {@value #ORT_INTRA_OP_THREADS_PROPERTY}, or null for ONNX Runtime's default. */
    static Integer intraOpThreads() {
        String value = System.getProperty(ORT_INTRA_OP_THREADS_PROPERTY);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int threads = Integer.parseInt(value.trim());
            if (threads >= 1 && threads <= 256) {
                return threads;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ModelException("-D" + ORT_INTRA_OP_THREADS_PROPERTY + "=" + value + " is not a number of threads "
                + "from 1 to 256");
    }

    /** Whether {@value #ORT_SPINNING_PROPERTY} lets ONNX Runtime's threads spin (false unless it says true). */
    static boolean spinning() {
        String value = System.getProperty(ORT_SPINNING_PROPERTY);
        if (value == null || value.isBlank() || value.trim().equalsIgnoreCase("false")) {
            return false;
        }
        if (value.trim().equalsIgnoreCase("true")) {
            return true;
        }
        throw new ModelException("-D" + ORT_SPINNING_PROPERTY + "=" + value + " is neither true nor false");
    }
}
