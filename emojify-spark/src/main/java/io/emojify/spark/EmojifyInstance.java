package io.emojify.spark;

import io.emojify.Emojify;
import io.emojify.djl.emotion.EmotionModels;
import io.emojify.emotion.EmotionClassifier;
import io.emojify.djl.face.YuNetFaceDetector;
import io.emojify.image.ImageDecoder;
import io.emojify.model.ModelResolver;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Emojify built from {@link EmojifySparkOptions}, with the detector and classifier it was given (Emojify does not
 * close what it is given, this does) and the image decoder of the options' pixel limit. Thread-safe.
 */
final class EmojifyInstance implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmojifyInstance.class);
    /** How many instances are open in this JVM (opened and not yet closed). */
    private static final AtomicInteger OPEN = new AtomicInteger();

    private final YuNetFaceDetector detector;
    private final EmotionClassifier classifier;
    private final Emojify emojify;
    private final ImageDecoder decoder;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmojifyInstance(YuNetFaceDetector detector, EmotionClassifier classifier, Emojify emojify,
            ImageDecoder decoder) {
        this.detector = detector;
        this.classifier = classifier;
        this.emojify = emojify;
        this.decoder = decoder;
        OPEN.incrementAndGet();
    }

    /**
     * Loads the models the options name.
     *
     * @param options the options
     * @return a new instance; close it
     * @throws io.emojify.EmojifyException if a model cannot be found or loaded
     */
    static EmojifyInstance open(EmojifySparkOptions options) {
        long start = System.nanoTime();
        Path yunet = resolver(options).resolve(YuNetFaceDetector.MODEL);
        YuNetFaceDetector detector = new YuNetFaceDetector(yunet, options.detector().settings());
        EmotionClassifier classifier = null;
        try {
            classifier = EmotionModels.classifier(options.emotionModel(), options.engine());
            Emojify emojify = Emojify.builder().optFaceDetector(detector).optEmotionClassifier(classifier)
                    .optRenderMode(options.renderMode()).optMaxPixels(options.maxPixels()).build();
            LOG.info("Emojify opened in {} ms (YuNet from {}, emotion model {})",
                    (System.nanoTime() - start) / 1_000_000, yunet, classifier.name());
            return new EmojifyInstance(detector, classifier, emojify, new ImageDecoder(options.maxPixels()));
        } catch (RuntimeException e) {
            if (classifier != null) {
                classifier.close();
            }
            detector.close();
            throw e;
        }
    }

    /** The models folder the options name, if any: the SparkFiles name first, then the folder. */
    private static ModelResolver resolver(EmojifySparkOptions options) {
        Path folder = options.modelsSparkFile() != null ? Paths.get(SparkFiles.get(options.modelsSparkFile()))
                : options.modelsFolder() != null ? Paths.get(options.modelsFolder()) : null;
        if (folder == null) {
            return ModelResolver.fromSettings();
        }
        Path unusedCache = Paths.get(System.getProperty("java.io.tmpdir"), "emojify-models-cache");
        return new ModelResolver(folder, unusedCache, true, (file, out) -> {
            throw new IOException("downloads are off: the models come from " + folder);
        });
    }

    /** @return the Emojify */
    Emojify emojify() {
        return emojify;
    }

    /** @return the decoder with the options' pixel limit */
    ImageDecoder decoder() {
        return decoder;
    }

    /** @return how many instances are open in this JVM */
    static int openCount() {
        return OPEN.get();
    }

    /** Closes the Emojify, its detector and its classifier; safe to call more than once. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        OPEN.decrementAndGet();
        emojify.close();
        classifier.close();
        detector.close();
        LOG.debug("Emojify closed");
    }
}
