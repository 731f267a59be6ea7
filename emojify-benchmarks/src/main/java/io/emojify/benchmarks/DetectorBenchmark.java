package io.emojify.benchmarks;

import io.emojify.djl.face.DetectorSettings;
import io.emojify.djl.face.YuNetFaceDetector;
import io.emojify.face.Face;
import java.awt.image.BufferedImage;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/** YuNet's cost as the frame grows, at full resolution (no downscaling) and with the default 640 px detection scale. */
public class DetectorBenchmark extends AverageTimeBenchmark {

    /** The frame size. */
    @Param({"320x240", "640x480", "1280x720", "1920x1080"})
    public String size;

    /** The longest side detection runs at (0: the full frame). */
    @Param({"0", "640"})
    public int maxInputSide;

    private YuNetFaceDetector detector;
    private BufferedImage frame;

    /** Loads YuNet once. */
    @Setup(Level.Trial)
    public void setUp() {
        String[] wh = size.split("x");
        frame = BenchmarkImages.fourPeople(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]));
        detector = YuNetFaceDetector.create(DetectorSettings.DEFAULT.withMaxInputSide(maxInputSide));
    }

    /** Releases YuNet. */
    @TearDown(Level.Trial)
    public void tearDown() {
        detector.close();
    }

    /** @return the faces */
    @Benchmark
    public List<Face> detect() {
        return detector.detect(frame);
    }
}
