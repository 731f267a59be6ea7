package io.emojify.benchmarks;

import io.emojify.djl.Engines;
import io.emojify.djl.emotion.EmotionModels;
import io.emojify.emotion.EmotionClassifier;
import io.emojify.emotion.EmotionScores;
import io.emojify.face.BoundingBox;
import io.emojify.face.Face;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The emotion models by name as the library runs them on faces found in a frame (framing, the model's views, the network,
 * calibration): time per call for 1 and 16 faces of a 640x480 frame on OnnxRuntime. Divide by the faces for ms a face.
 */
public class EmotionModelBenchmark extends AverageTimeBenchmark {

    /** The model's name. */
    @Param({"compact", "accurate"})
    public String model;

    /** Faces per call. */
    @Param({"1", "16"})
    public int faces;

    private EmotionClassifier classifier;
    private BufferedImage frame;
    private List<Face> boxes;

    /** Loads the model and draws a frame with a grid of face-sized ovals. */
    @Setup(Level.Trial)
    public void setUp() {
        classifier = EmotionModels.classifier(model, Engines.ONNX_RUNTIME);
        frame = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame.createGraphics();
        boxes = new ArrayList<>();
        for (int i = 0; i < faces; i++) {
            int x = 10 + (i % 4) * 155;
            int y = 10 + (i / 4) * 115;
            g.setColor(new Color(200 - i * 5, 170, 150));
            g.fillOval(x, y, 90, 105);
            g.setColor(Color.DARK_GRAY);
            g.fillOval(x + 22, y + 35, 12, 8);
            g.fillOval(x + 56, y + 35, 12, 8);
            g.fillRect(x + 30, y + 75, 30, 6 + i % 5);
            boxes.add(new Face(new BoundingBox(x, y, 90, 105), 0.95));
        }
        g.dispose();
    }

    /** Releases the model. */
    @TearDown(Level.Trial)
    public void tearDown() {
        classifier.close();
    }

    /** @return the scores */
    @Benchmark
    public List<EmotionScores> classify() {
        return classifier.classify(frame, boxes);
    }
}
