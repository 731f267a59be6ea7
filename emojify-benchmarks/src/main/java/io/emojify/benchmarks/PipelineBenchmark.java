package io.emojify.benchmarks;

import io.emojify.AnnotatedFace;
import io.emojify.Annotation;
import io.emojify.Emojify;
import io.emojify.djl.Engines;
import io.emojify.djl.emotion.DjlEmotionClassifier;
import io.emojify.djl.face.YuNetFaceDetector;
import io.emojify.djl.model.EmotionModel;
import io.emojify.emotion.EmotionScores;
import io.emojify.emotion.FaceCropper;
import io.emojify.face.Face;
import io.emojify.image.ImageDecoder;
import io.emojify.render.EmojiRenderer;
import io.emojify.render.RenderMode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * End to end on a 640x480 frame with four faces, and each stage on its own: JPEG decoding, detection, crop,
 * classification, rendering.
 * One {@code Emojify} instance is shared by all benchmark threads (run with {@code -t 1}, {@code -t 2}, {@code -t 4}).
 */
public class PipelineBenchmark extends AverageTimeBenchmark {

    /** The engine of the emotion model. */
    @Param({"OnnxRuntime", "PyTorch"})
    public String engine;

    private Emojify emojify;
    private YuNetFaceDetector detector;
    private DjlEmotionClassifier classifier;
    private BufferedImage frame;
    private List<Face> faces;
    private List<AnnotatedFace> annotated;
    private FaceCropper cropper;
    private EmojiRenderer renderer;
    private byte[] jpeg;
    private final ImageDecoder decoder = new ImageDecoder();

    /** Loads the models once. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        frame = BenchmarkImages.fourPeople(640, 480);
        detector = YuNetFaceDetector.create();
        classifier = new DjlEmotionClassifier(EmotionModel.embedded(), Engines.require(engine));
        emojify = Emojify.builder().optFaceDetector(detector).optEmotionClassifier(classifier).build();
        faces = detector.detect(frame);
        if (faces.size() != 4) {
            throw new IllegalStateException("expected 4 faces in the benchmark frame, found " + faces.size());
        }
        annotated = emojify.analyze(frame);
        var card = EmotionModel.embedded().card();
        cropper = new FaceCropper(card.inputSize(), card.cropScale(), card.cropShiftY());
        renderer = new EmojiRenderer(RenderMode.REPLACE);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(frame, "jpg", bytes);
        jpeg = bytes.toByteArray();
    }

    /** Releases the models. */
    @TearDown(Level.Trial)
    public void tearDown() {
        emojify.close();
        classifier.close();
        detector.close();
    }

    /** @return the whole pipeline on one frame */
    @Benchmark
    public Annotation endToEnd() {
        return emojify.process(frame);
    }

    /** @return the frame decoded from JPEG (as an application reading photos or MJPEG frames does) */
    @Benchmark
    public BufferedImage decodeJpeg() {
        return decoder.read(jpeg, "frame.jpg");
    }

    /** @return YuNet on the frame */
    @Benchmark
    public List<Face> detect() {
        return detector.detect(frame);
    }

    /** @return the four faces cropped, aligned and resized */
    @Benchmark
    public float[][] crop() {
        float[][] out = new float[faces.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = cropper.crop(frame, faces.get(i));
        }
        return out;
    }

    /** @return the four faces classified in one batch (crop included) */
    @Benchmark
    public List<EmotionScores> classifyFourFaces() {
        return classifier.classify(frame, faces);
    }

    /** @return the four emoji drawn onto a copy of the frame */
    @Benchmark
    public BufferedImage render() {
        return renderer.render(frame, annotated);
    }
}
