package io.emojify.benchmarks;

import io.emojify.djl.Engines;
import io.emojify.djl.emotion.DjlEmotionClassifier;
import io.emojify.djl.model.EmotionModel;
import io.emojify.emotion.EmotionScores;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/** The emotion model alone (crops ready): time per call at batch 1, 4 and 16, on each engine. Divide by the batch. */
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ClassifierBenchmark extends AverageTimeBenchmark {

    /** The engine. */
    @Param({"OnnxRuntime", "PyTorch"})
    public String engine;

    /** Faces per call. */
    @Param({"1", "4", "16"})
    public int batch;

    private DjlEmotionClassifier classifier;
    private float[][] crops;

    /** Loads the model once. */
    @Setup(Level.Trial)
    public void setUp() {
        classifier = new DjlEmotionClassifier(EmotionModel.embedded(), Engines.require(engine));
        int side = classifier.inputSize();
        crops = new float[batch][side * side];
        for (int i = 0; i < batch; i++) {
            for (int j = 0; j < side * side; j++) {
                crops[i][j] = ((i * 31 + j * 7) % 255) / 255f;
            }
        }
    }

    /** Releases the model. */
    @TearDown(Level.Trial)
    public void tearDown() {
        classifier.close();
    }

    /** @return the scores */
    @Benchmark
    public List<EmotionScores> classify() {
        return classifier.classifyCrops(crops);
    }
}
