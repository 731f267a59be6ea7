package io.emojify.spark;

import io.emojify.djl.face.DetectorSettings;
import io.emojify.image.ImageDecoder;
import io.emojify.render.RenderMode;
import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;

/**
 * How {@link EmojifySpark} analyses images: where the models are, the engine, the face detector's settings, whether and
 * how an emojified image is drawn, the pixel limit, and whether an executor keeps one Emojify for all its tasks or each
 * task opens its own. Immutable and serializable: it travels with the Spark job to the executors, which build their
 * Emojify from it (and nothing else: no system property of the executor is read, except where {@link #modelsFolder()}
 * and {@link #modelsSparkFile()} are both unset).
 *
 * <p>Two options are equal when every setting is: executors keep one Emojify per distinct options (see {@link Scope}).
 *
 * @param modelsFolder a folder readable on every executor that holds {@code yunet/yunet_s_dynamic.onnx} (a shared file
 *     system path, or a relative path such as the alias of {@code --archives models.zip#models}); null for the
 *     executor's default (its {@code -Demojify.models}, {@code EMOJIFY_MODELS}, or the download cache)
 * @param modelsSparkFile the name of a folder or archive added with {@code SparkContext.addFile} or {@code --files}, found
 *     on each executor with {@code SparkFiles.get}; takes precedence over {@code modelsFolder}; null for none
 * @param engine the emotion model's DJL engine, {@code OnnxRuntime} or {@code PyTorch}; null for the default
 *     (OnnxRuntime when it is on the class path)
 * @param detector the face detector's settings
 * @param renderMode how emoji are drawn when an image is rendered
 * @param imageFormat {@code png} or {@code jpeg} to add the emojified image to the rows as an encoded image, null for no
 *     image (analysis only, the fastest)
 * @param maxPixels the largest image decoded, in pixels (declared in the file's header; larger ones give an error row)
 * @param scope one Emojify per executor JVM (the default) or per task
 * @param emotionModel the emotion model by name, {@code compact} or {@code accurate} (which needs
 *     {@code emojify-model-accurate} on the executors' class path); null for the default, compact
 * @serial exclude
 */
public record EmojifySparkOptions(String modelsFolder, String modelsSparkFile, String engine, Detector detector,
        RenderMode renderMode, String imageFormat, long maxPixels, Scope scope, String emotionModel)
        implements Serializable {

    /** The serialized form's version. */
    private static final long serialVersionUID = 1L;

    /** How long an Emojify lives on an executor. */
    public enum Scope {
        /**
         * One Emojify per executor JVM and per distinct options, shared by the executor's concurrent tasks
         * (Emojify is thread-safe), created by the first task that needs it and closed when the JVM exits. The fast
         * choice: the models are loaded once, and the native memory (about 45 MB an instance) is held once.
         */
        EXECUTOR,
        /**
         * One Emojify per task, closed when the task completes. Costs a model load per task (30 ms to over a second)
         * and the memory of one instance per running task; for executors that must hold nothing between jobs.
         */
        TASK
    }

    /**
     * The face detector's settings in a serializable form; see {@link DetectorSettings} for each value's meaning.
     *
     * @param scoreThreshold faces below this confidence are dropped (0 to 1)
     * @param nmsThreshold boxes that overlap a more confident box by more than this IoU are dropped (0 to 1)
     * @param maxInputSide the longer side detection runs at; 0 keeps the full size
     * @param maxFaces at most this many faces per image
     * @param retrySide the longer side of the padded second pass when nothing is found; 0 for none
     * @serial exclude
     */
    public record Detector(double scoreThreshold, double nmsThreshold, int maxInputSide, int maxFaces, int retrySide)
            implements Serializable {

        /** The serialized form's version. */
        private static final long serialVersionUID = 1L;

        /**
         * @param scoreThreshold faces below this confidence are dropped (0 to 1)
         * @param nmsThreshold boxes that overlap a more confident box by more than this IoU are dropped (0 to 1)
         * @param maxInputSide the longer side detection runs at; 0 keeps the full size
         * @param maxFaces at most this many faces per image
         * @param retrySide the longer side of the padded second pass when nothing is found; 0 for none
         * @throws IllegalArgumentException naming the value out of range
         */
        public Detector {
            new DetectorSettings(scoreThreshold, nmsThreshold, maxInputSide, maxFaces, retrySide);
        }

        /**
         * @param settings the detector's settings, for example {@link DetectorSettings#PHOTO}
         * @return the same settings in serializable form
         */
        public static Detector of(DetectorSettings settings) {
            return new Detector(settings.scoreThreshold(), settings.nmsThreshold(), settings.maxInputSide(),
                    settings.maxFaces(), settings.retrySide());
        }

        /**
         * @return these settings as the detector takes them
         */
        public DetectorSettings settings() {
            return new DetectorSettings(scoreThreshold, nmsThreshold, maxInputSide, maxFaces, retrySide);
        }
    }

    /**
     * @param modelsFolder a folder on every executor that holds YuNet's weights; null for the executor's default
     * @param modelsSparkFile a folder or archive added with {@code --files}, found with {@code SparkFiles.get}; or null
     * @param engine the emotion model's DJL engine, {@code OnnxRuntime} or {@code PyTorch}; null for the default
     * @param detector the face detector's settings
     * @param renderMode how emoji are drawn when an image is rendered
     * @param imageFormat {@code png} or {@code jpeg} to add the emojified image to the rows, null for none
     * @param maxPixels the largest image decoded, in pixels
     * @param scope one Emojify per executor JVM or per task
     * @param emotionModel {@code compact} or {@code accurate}, or null for the default
     * @throws IllegalArgumentException if a value is out of range, or the emotion model's name is unknown
     * @throws NullPointerException if {@code detector}, {@code renderMode} or {@code scope} is null
     */
    public EmojifySparkOptions {
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(renderMode, "renderMode");
        Objects.requireNonNull(scope, "scope");
        modelsFolder = blankToNull(modelsFolder);
        modelsSparkFile = blankToNull(modelsSparkFile);
        engine = blankToNull(engine);
        emotionModel = blankToNull(emotionModel);
        if (emotionModel != null) {
            try {
                emotionModel = io.emojify.djl.emotion.EmotionModels.resolve(emotionModel);
            } catch (io.emojify.model.ModelException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        imageFormat = blankToNull(imageFormat);
        if (imageFormat != null) {
            imageFormat = imageFormat.toLowerCase(Locale.ROOT);
            if (imageFormat.equals("jpg")) {
                imageFormat = "jpeg";
            }
            if (!imageFormat.equals("png") && !imageFormat.equals("jpeg")) {
                throw new IllegalArgumentException("imageFormat must be png, jpeg or null, was " + imageFormat);
            }
        }
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxPixels must be at least 1, was " + maxPixels);
        }
    }

    /**
     * The defaults: models from the executor's default location, the default engine, {@link DetectorSettings#PHOTO},
     * {@link RenderMode#REPLACE}, no image column, {@link ImageDecoder#DEFAULT_MAX_PIXELS}, {@link Scope#EXECUTOR}.
     *
     * @return the default options
     */
    public static EmojifySparkOptions defaults() {
        return new EmojifySparkOptions(null, null, null, Detector.of(DetectorSettings.PHOTO), RenderMode.REPLACE, null,
                ImageDecoder.DEFAULT_MAX_PIXELS, Scope.EXECUTOR, null);
    }

    /**
     * @param folder a models folder readable on every executor, or null
     * @return a copy with it
     */
    public EmojifySparkOptions withModelsFolder(String folder) {
        return new EmojifySparkOptions(folder, modelsSparkFile, engine, detector, renderMode, imageFormat, maxPixels,
                scope, emotionModel);
    }

    /**
     * @param name the name under which the models folder was added with {@code SparkContext.addFile(path, true)} or
     *     {@code --files}, or null
     * @return a copy with it
     */
    public EmojifySparkOptions withModelsSparkFile(String name) {
        return new EmojifySparkOptions(modelsFolder, name, engine, detector, renderMode, imageFormat, maxPixels, scope,
                emotionModel);
    }

    /**
     * @param name {@code OnnxRuntime} or {@code PyTorch}, or null for the default
     * @return a copy with it
     */
    public EmojifySparkOptions withEngine(String name) {
        return new EmojifySparkOptions(modelsFolder, modelsSparkFile, name, detector, renderMode, imageFormat, maxPixels,
                scope, emotionModel);
    }

    /**
     * @param settings the face detector's settings
     * @return a copy with them
     */
    public EmojifySparkOptions withDetector(DetectorSettings settings) {
        return new EmojifySparkOptions(modelsFolder, modelsSparkFile, engine, Detector.of(settings), renderMode,
                imageFormat, maxPixels, scope, emotionModel);
    }

    /**
     * @param format {@code png} or {@code jpeg} to add the emojified image to the rows, null for none
     * @param mode how the emoji are drawn
     * @return a copy with them
     */
    public EmojifySparkOptions withImage(String format, RenderMode mode) {
        return new EmojifySparkOptions(modelsFolder, modelsSparkFile, engine, detector, mode, format, maxPixels, scope,
                emotionModel);
    }

    /**
     * @param pixels the largest image decoded, in pixels
     * @return a copy with it
     */
    public EmojifySparkOptions withMaxPixels(long pixels) {
        return new EmojifySparkOptions(modelsFolder, modelsSparkFile, engine, detector, renderMode, imageFormat, pixels,
                scope, emotionModel);
    }

    /**
     * @param newScope one Emojify per executor or per task
     * @return a copy with it
     */
    public EmojifySparkOptions withScope(Scope newScope) {
        return new EmojifySparkOptions(modelsFolder, modelsSparkFile, engine, detector, renderMode, imageFormat,
                maxPixels, newScope, emotionModel);
    }

    /**
     * @param name {@code compact} or {@code accurate} (the executors need {@code emojify-model-accurate}), or null for the
     *     default
     * @return a copy with it
     * @throws IllegalArgumentException naming the choices, for another name
     */
    public EmojifySparkOptions withEmotionModel(String name) {
        return new EmojifySparkOptions(modelsFolder, modelsSparkFile, engine, detector, renderMode, imageFormat,
                maxPixels, scope, name);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
