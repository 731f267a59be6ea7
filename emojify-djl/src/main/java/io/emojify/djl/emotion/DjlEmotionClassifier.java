package io.emojify.djl.emotion;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.translate.TranslateException;
import io.emojify.djl.Engines;
import io.emojify.djl.model.EmotionModel;
import io.emojify.djl.model.ModelCard;
import io.emojify.djl.nn.EmotionNetworks;
import io.emojify.emotion.EmotionClassificationException;
import io.emojify.emotion.EmotionClassifier;
import io.emojify.emotion.EmotionScores;
import io.emojify.face.Face;
import io.emojify.model.ModelException;
import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link EmotionClassifier} over a DJL model: the same model folder runs on the PyTorch engine (the network block with
 * its DJL parameters) or the OnnxRuntime engine (its ONNX export), whichever the application has on its class path or names
 * with {@code -Demojify.engine}. All faces of an image are classified in one batched call.
 *
 * <p>Thread-safe: DJL predictors are not, so each call borrows one from a pool (a new one is made when all are busy) and
 * returns it. {@link #close()} releases the model's native memory once the calls in progress are done (calls hold a read lock,
 * close the write lock); it is safe to call twice, and use after it throws {@link EmotionClassificationException}
 * "closed".
 */
public final class DjlEmotionClassifier implements EmotionClassifier {

    private static final Logger LOG = LoggerFactory.getLogger(DjlEmotionClassifier.class);

    private final Model model;
    private final EmotionModel source;
    private final FaceCropper cropper;
    private final EmotionTranslator translator;
    private final String engine;
    private final ConcurrentLinkedQueue<Predictor<float[][], List<EmotionScores>>> pool =
            new ConcurrentLinkedQueue<>();
    /** Calls hold the read lock while they use the model, {@link #close()} the write lock: a call never meets a freed model. */
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    /** Read and written under {@link #lock}. */
    private boolean closed;

    /**
     * Loads a model on the engine chosen by {@link Engines#emotionEngine()}.
     *
     * @param source the model folder
     * @throws ModelException if the model cannot be loaded
     */
    public DjlEmotionClassifier(EmotionModel source) {
        this(source, Engines.emotionEngine());
    }

    /**
     * Loads a model on a named engine.
     *
     * @param source the model folder
     * @param engine {@code PyTorch} or {@code OnnxRuntime}
     * @throws ModelException if the model cannot be loaded or the engine is not on the class path
     */
    public DjlEmotionClassifier(EmotionModel source, String engine) {
        this.source = Objects.requireNonNull(source, "source");
        this.engine = Engines.require(engine);
        ModelCard card = source.card();
        this.cropper = new FaceCropper(card.inputSize, card.cropScale, card.cropShiftY);
        this.translator = new EmotionTranslator(card.inputSize);
        this.model = load(source, this.engine);
        LOG.info("Emotion model {} ({}) on {}", card.name, card.architecture, this.engine);
    }

    /**
     * Creates a classifier for the model shipped in the jar.
     *
     * @return the classifier
     * @throws ModelException if the jar holds no model
     */
    public static DjlEmotionClassifier embedded() {
        return new DjlEmotionClassifier(EmotionModel.embedded());
    }

    private static Model load(EmotionModel source, String engine) {
        ModelCard card = source.card();
        Model m = Model.newInstance(card.name == null ? "emotion" : card.name, engine);
        try {
            if (Engines.PYTORCH.equals(engine)) {
                Block block = EmotionNetworks.build(card.architecture);
                block.initialize(m.getNDManager(), DataType.FLOAT32, new Shape(1, 1, card.inputSize, card.inputSize));
                try (InputStream in = Files.newInputStream(source.parametersFile());
                        DataInputStream data = new DataInputStream(new BufferedInputStream(in))) {
                    block.loadParameters(m.getNDManager(), data);
                }
                m.setBlock(block);
            } else {
                String file = source.onnxFile().getFileName().toString();
                m.load(source.folder(), file.substring(0, file.length() - ".onnx".length()));
            }
            return m;
        } catch (IOException | ai.djl.MalformedModelException | RuntimeException e) {
            m.close();
            if (e instanceof ModelException me) {
                throw me;
            }
            throw new ModelException("Cannot load emotion model " + source + " on " + engine + ": " + e, e);
        }
    }

    @Override
    public List<EmotionScores> classify(BufferedImage image, List<Face> faces) {
        if (image == null || faces == null) {
            throw new EmotionClassificationException("image and faces must not be null");
        }
        if (faces.isEmpty()) {
            return List.of();
        }
        float[][] crops = new float[faces.size()][];
        for (int i = 0; i < crops.length; i++) {
            crops[i] = cropper.crop(image, faces.get(i));
        }
        return classifyCrops(crops);
    }

    /**
     * Classifies face crops that are already framed, gray and of the model's input size (for evaluation on data sets of
     * face crops such as FER-2013).
     *
     * @param crops {@code side*side} values in 0..1 per face
     * @return one score set per crop
     */
    public List<EmotionScores> classifyCrops(float[][] crops) {
        int px = cropper.side() * cropper.side();
        for (float[] c : crops) {
            if (c == null || c.length != px) {
                throw new EmotionClassificationException("Each crop must have " + px + " values, one has "
                        + (c == null ? "none" : c.length));
            }
        }
        lock.readLock().lock();
        try {
            if (closed) {
                throw new EmotionClassificationException("This classifier is closed");
            }
            Predictor<float[][], List<EmotionScores>> p = pool.poll();
            if (p == null) {
                p = model.newPredictor(translator);
            }
            try {
                return p.predict(crops);
            } catch (TranslateException | RuntimeException e) {
                throw new EmotionClassificationException("Emotion model failed on " + crops.length + " faces: " + e, e);
            } finally {
                pool.offer(p); // close() cannot run before the read lock is released, and it empties the pool
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /** @return the model's input side in pixels */
    public int inputSize() {
        return cropper.side();
    }

    /** @return the engine in use */
    public String engine() {
        return engine;
    }

    /** @return the model in use */
    public EmotionModel model() {
        return source;
    }

    @Override
    public String name() {
        return source.card().name + " (" + source.card().architecture + ", " + engine + ")";
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            Predictor<float[][], List<EmotionScores>> p;
            while ((p = pool.poll()) != null) {
                p.close();
            }
            model.close();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
