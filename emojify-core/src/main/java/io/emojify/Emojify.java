package io.emojify;

import io.emojify.emoji.Emoji;
import io.emojify.emoji.EmojiMapper;
import io.emojify.emotion.Emotion;
import io.emojify.emotion.EmotionClassifier;
import io.emojify.emotion.EmotionModelName;
import io.emojify.emotion.EmotionScores;
import io.emojify.face.FaceDetector;
import io.emojify.image.ImageDecoder;
import io.emojify.render.RenderMode;
import io.emojify.spi.BackendOptions;
import io.emojify.spi.CallGuard;
import io.emojify.live.LiveOptions;
import io.emojify.live.LiveSession;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The pipeline from an image to an emojified image: detect the faces, classify each face's emotion, map it to an emoji
 * and draw it.
 *
 * <pre>{@code
 * try (Emojify emojify = Emojify.create()) {
 *     Annotation result = emojify.process(Path.of("party.jpg"));
 *     ImageIO.write(result.image(), "png", new File("party-emojified.png"));
 * }
 * }</pre>
 *
 * <p>Thread-safe: one instance may serve many threads (its plug-ins must be thread-safe, as their contracts require).
 * Components that the instance discovered itself are closed by {@link #close()}; components passed to the builder stay the
 * caller's to close. Use after {@code close()} throws an {@link EmojifyException}.
 */
public final class Emojify implements AutoCloseable {

    /** The default limit on an input image's pixel count (50 megapixels). */
    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;

    private final Pipeline pipeline;
    private final CallGuard guard = new CallGuard(() -> new EmojifyException("This Emojify instance is closed"));

    private Emojify(BuilderSettings settings) {
        this.pipeline = Pipeline.assemble(settings);
    }

    /**
     * Creates an instance with the discovered backend's detector and classifier and the built-in emoji.
     *
     * @return a new instance; close it when done
     * @throws io.emojify.spi.ProviderException if no backend is on the class path
     */
    public static Emojify create() {
        return builder().build();
    }

    /**
     * Starts a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts a live session with the discovered backend, its detector tuned for video frames, and the default live options:
     * offer it a camera's frames and draw its faces on every frame shown (see {@link LiveSession} for the loop).
     *
     * @return the session; closing it closes the instance it made
     * @throws io.emojify.spi.ProviderException if no backend is on the class path
     */
    public static LiveSession live() {
        return live(LiveOptions.defaults());
    }

    /**
     * Starts a live session with the discovered backend, its detector tuned as the options say
     * ({@link LiveOptions#detection()}, video frames unless chosen). For other components or a render mode, use
     * {@code Emojify.builder()...buildLive(options)}.
     *
     * @param options the session's options
     * @return the session; closing it closes the instance it made
     * @throws io.emojify.spi.ProviderException if no backend is on the class path
     */
    public static LiveSession live(LiveOptions options) {
        return builder().buildLive(options);
    }

    /**
     * Annotates an image with a shared instance that uses the discovered defaults (created on first use and kept for the
     * JVM's life, or until {@link #closeShared()}). For control over the components, use {@link #create()} or
     * {@link #builder()} instead.
     *
     * @param image the image; not modified
     * @return the faces and the rendered image
     * @throws EmojifyException if the image is invalid or a component fails
     */
    public static Annotation annotate(BufferedImage image) {
        return SharedInstance.get().process(image);
    }

    /**
     * Closes the shared instance behind {@link #annotate(BufferedImage)}, if one was made, and releases its native
     * memory (an application server calls this when it undeploys the application). A later {@code annotate} makes a new
     * one, reading the settings again. Calls in progress finish first; a call that took the old instance but had not
     * started gets the "closed" error. Does nothing when there is no shared instance.
     */
    public static void closeShared() {
        SharedInstance.close();
    }

    /**
     * Reads an image file and detects, classifies and renders. The file is decoded as the {@code emojify} command decodes
     * it ({@link ImageDecoder}): turned upright by its EXIF orientation, refused before decoding when it declares more
     * pixels than this instance's limit, CMYK and WebP read where the backend brings their readers.
     *
     * @param file a JPEG, PNG, GIF, BMP (or any format an installed ImageIO reader knows)
     * @return the faces and a new rendered image
     * @throws io.emojify.image.ImageDecodingException if the file cannot be read, is not an image, is truncated or too
     *     large (the message names the file)
     * @throws EmojifyException if the instance is closed or a component fails
     */
    public Annotation process(Path file) {
        return process(pipeline.decoder().read(file));
    }

    /**
     * Reads an image from a stream (an upload, say) and detects, classifies and renders; decoded as
     * {@link #process(Path)} decodes files. The stream is read to its end, not closed.
     *
     * @param in the encoded image
     * @param name a name for error messages, such as the upload's file name
     * @return the faces and a new rendered image
     * @throws io.emojify.image.ImageDecodingException if the bytes cannot be read, are not an image, are truncated or too
     *     large (the message names {@code name})
     * @throws EmojifyException if the instance is closed or a component fails
     */
    public Annotation process(InputStream in, String name) {
        return process(pipeline.decoder().read(in, name));
    }

    /**
     * Reads an image file, decoded as {@link #process(Path)} decodes it, and finds its faces, their emotions and emoji
     * without drawing anything.
     *
     * @param file the image file
     * @return the faces, most confident detection first; empty when there is none
     * @throws io.emojify.image.ImageDecodingException if the file cannot be read, is not an image, is truncated or too
     *     large (the message names the file)
     * @throws EmojifyException if the instance is closed or a component fails
     */
    public List<AnnotatedFace> analyze(Path file) {
        return analyze(pipeline.decoder().read(file));
    }

    /**
     * Detects, classifies and renders.
     *
     * @param image the image, of any type; not modified
     * @return the faces and a new rendered image
     * @throws EmojifyException if the image is null or too large, the instance is closed, or a component fails
     */
    public Annotation process(BufferedImage image) {
        List<AnnotatedFace> faces = analyze(image);
        return new Annotation(faces, pipeline.renderer().render(image, faces));
    }

    /**
     * Detects and classifies without rendering (for applications that only want the emotions or the emoji text).
     *
     * @param image the image, of any type; not modified
     * @return the faces, most confident detection first; empty when there is none
     * @throws EmojifyException if the image is null or too large, the instance is closed, or a component fails
     */
    public List<AnnotatedFace> analyze(BufferedImage image) {
        pipeline.check(image);
        return guard.call(() -> pipeline.analysis().analyze(image));
    }

    /**
     * Renders faces (for example ones smoothed by a tracker) onto a copy of an image in this instance's mode.
     *
     * @param image the image; not modified
     * @param faces the faces to draw
     * @return a new image
     */
    public BufferedImage render(BufferedImage image, List<AnnotatedFace> faces) {
        pipeline.check(image);
        return pipeline.renderer().render(image, Objects.requireNonNull(faces, "faces"));
    }

    /**
     * Chooses the emoji for an emotion with this instance's mapper.
     *
     * @param emotion the emotion
     * @param scores the probabilities
     * @return the emoji
     */
    public Emoji emoji(Emotion emotion, EmotionScores scores) {
        return pipeline.analysis().emoji(emotion, scores);
    }

    /** @return the face detector in use */
    public FaceDetector faceDetector() {
        return pipeline.components().detector();
    }

    /** @return the emotion classifier in use */
    public EmotionClassifier emotionClassifier() {
        return pipeline.components().classifier();
    }

    /** @return the emoji mapper in use */
    public EmojiMapper emojiMapper() {
        return pipeline.analysis().mapper();
    }

    /**
     * Closes the components this instance created (and those given to the builder, if it was told to with
     * {@link Builder#optCloseGivenComponents(boolean)}). Safe to call more than once; waits for calls in progress.
     */
    @Override
    public void close() {
        guard.close(pipeline.components()::close);
    }

    /**
     * Builds an {@link Emojify}. Every setting is optional: what is not set comes from the discovered backend (detector and
     * classifier) or the built-in defaults (emoji set, render mode). Not thread-safe.
     */
    public static final class Builder {
        private final BuilderSettings settings = new BuilderSettings();

        private Builder() {}

        /**
         * Sets one of the backend's options for this instance only, instead of its system property (see
         * {@link BackendOptions} for the names). The backend refuses a name or value it does not know when
         * {@link #build()} runs.
         *
         * @param name the option's name, such as {@link BackendOptions#DETECTOR}
         * @param value its value
         * @return this builder
         */
        public Builder optBackendOption(String name, String value) {
            settings.options = settings.options.with(name, value);
            return this;
        }

        /**
         * Chooses the inference engine for this instance ({@code PyTorch} or {@code OnnxRuntime} on the DJL backend).
         *
         * @param engine the engine's name
         * @return this builder
         */
        public Builder optEngine(String engine) {
            return optBackendOption(BackendOptions.ENGINE, engine);
        }

        /**
         * Chooses the backend's face detector by name for this instance ({@code yunet} or {@code ultraface} on the DJL
         * backend).
         *
         * @param detector the detector's name
         * @return this builder
         */
        public Builder optDetector(String detector) {
            return optBackendOption(BackendOptions.DETECTOR, detector);
        }

        /**
         * Chooses the emotion model by name for this instance: {@link EmotionModelName#COMPACT} (the default: real time,
         * shipped in {@code emojify-djl}) or {@link EmotionModelName#ACCURATE} (more often right, for photos: about 25
         * times the classifier's time per face; needs the artifact {@code io.emojify:emojify-model-accurate}). An unknown
         * name, or {@code accurate} without its artifact, is an error that says what to use or add.
         *
         * @param name the model's name
         * @return this builder
         */
        public Builder optEmotionModel(String name) {
            return optBackendOption(BackendOptions.EMOTION_MODEL, name);
        }

        /**
         * Chooses what the backend's face detector is tuned for ({@code photo}, the default, or {@code video}: frames of
         * a camera or a video, in real time; on the DJL backend, YuNet's {@code PHOTO} and {@code VIDEO} presets). A
         * hint: a backend with one way to detect ignores it, and so does a detector given to
         * {@link #optFaceDetector(FaceDetector)}.
         *
         * @param detection {@link BackendOptions#DETECTION_PHOTO} or {@link BackendOptions#DETECTION_VIDEO}
         * @return this builder
         * @throws IllegalArgumentException naming the choices, for any other value
         */
        public Builder optDetection(String detection) {
            return optBackendOption(BackendOptions.DETECTION, BackendOptions.checkDetection(detection));
        }

        /**
         * Reads detector weights from this folder for this instance (instead of {@code -Demojify.models}).
         *
         * @param folder the folder
         * @return this builder
         */
        public Builder optModelsFolder(Path folder) {
            return optBackendOption(BackendOptions.MODELS, folder.toString());
        }

        /**
         * Uses this face detector (the caller keeps ownership and closes it, unless
         * {@link #optCloseGivenComponents(boolean)} hands it over).
         *
         * @param detector the detector
         * @return this builder
         */
        public Builder optFaceDetector(FaceDetector detector) {
            settings.detector = Objects.requireNonNull(detector, "detector");
            return this;
        }

        /**
         * Uses this emotion classifier (the caller keeps ownership and closes it, unless
         * {@link #optCloseGivenComponents(boolean)} hands it over).
         *
         * @param classifier the classifier
         * @return this builder
         */
        public Builder optEmotionClassifier(EmotionClassifier classifier) {
            settings.classifier = Objects.requireNonNull(classifier, "classifier");
            return this;
        }

        /**
         * Hands the face detector and emotion classifier given to this builder over to the {@link Emojify}: it closes
         * them when it is closed, or when {@link #build()} fails. By default they stay the caller's to close. (A builder
         * used for a second instance would hand the same components over twice: give each instance its own.)
         *
         * @param close {@code true} to hand them over
         * @return this builder
         */
        public Builder optCloseGivenComponents(boolean close) {
            settings.closeGivenComponents = close;
            return this;
        }

        /**
         * Uses this emoji set instead of the built-in one.
         *
         * @param mapper the mapper
         * @return this builder
         */
        public Builder optEmojiMapper(EmojiMapper mapper) {
            settings.mapper = Objects.requireNonNull(mapper, "mapper");
            return this;
        }

        /**
         * Sets how emoji are drawn (default {@link RenderMode#REPLACE}).
         *
         * @param mode the mode
         * @return this builder
         */
        public Builder optRenderMode(RenderMode mode) {
            settings.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * Sets the largest image accepted, in pixels (default 50,000,000); larger images are
         * refused with an {@link EmojifyException} rather than risk running out of memory.
         *
         * @param maxPixels the limit, at least 1
         * @return this builder
         */
        public Builder optMaxPixels(long maxPixels) {
            if (maxPixels < 1) {
                throw new IllegalArgumentException("maxPixels must be at least 1, was " + maxPixels);
            }
            settings.maxPixels = maxPixels;
            return this;
        }

        /**
         * Builds the instance, discovering a backend for whatever detector or classifier was not set.
         *
         * @return the instance
         * @throws io.emojify.spi.ProviderException if a backend is needed and none is found
         */
        public Emojify build() {
            return new Emojify(settings);
        }

        /**
         * Builds an instance with the detection the options choose ({@link LiveOptions#detection()}: video frames unless
         * chosen, in place of this builder's {@link #optDetection(String)}) and starts a live session over it, which
         * closes it when the session is closed.
         *
         * @param options the session's options
         * @return the session
         * @throws io.emojify.spi.ProviderException if a backend is needed and none is found
         */
        public LiveSession buildLive(LiveOptions options) {
            Objects.requireNonNull(options, "options");
            optBackendOption(BackendOptions.DETECTION, options.detection());
            return LiveSession.owning(build(), options);
        }
    }
}
