package io.emojify.benchmarks;

import io.emojify.Emojify;
import io.emojify.djl.Engines;
import io.emojify.djl.emotion.DjlEmotionClassifier;
import io.emojify.djl.face.DetectorSettings;
import io.emojify.djl.face.YuNetFaceDetector;
import io.emojify.djl.model.EmotionModel;
import io.emojify.live.LiveOptions;
import io.emojify.live.LiveResult;
import io.emojify.live.LiveSession;
import io.emojify.live.LiveListener;
import io.emojify.track.TrackedFace;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cost of one displayed frame of a live session: {@code facesAt} (each of the four tracked faces moved to the frame's
 * time) and {@code render} (the four emoji drawn on a copy of the 640x480 frame), after the session has analysed the
 * frame with YuNet and the shipped model. Analysis itself runs on the session's worker and is measured by
 * {@link PipelineBenchmark}.
 */
public class LiveFrameBenchmark extends AverageTimeBenchmark {

    private YuNetFaceDetector detector;
    private DjlEmotionClassifier classifier;
    private LiveSession session;
    private BufferedImage frame;
    private long captured;
    private long shown;

    /** Loads the models and lets the session analyse the frame once. */
    @Setup(Level.Trial)
    public void setUp() throws InterruptedException {
        frame = BenchmarkImages.fourPeople(640, 480);
        detector = YuNetFaceDetector.create(DetectorSettings.VIDEO);
        classifier = new DjlEmotionClassifier(EmotionModel.embedded(), Engines.require(Engines.ONNX_RUNTIME));
        CountDownLatch analysed = new CountDownLatch(1);
        session = Emojify.builder().optFaceDetector(detector).optEmotionClassifier(classifier)
                .optCloseGivenComponents(true).buildLive(LiveOptions.builder().optListener(new LiveListener() {
                    @Override
                    public void onResult(LiveResult result) {
                        analysed.countDown();
                    }
                }).build());
        captured = System.nanoTime();
        session.offer(frame, captured);
        if (!analysed.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the session gave no result in a minute");
        }
        shown = captured + 20_000_000L; // a frame shown 20 ms after the analysed one: every box is moved
        int faces = session.facesAt(shown).size();
        if (faces != 4) {
            throw new IllegalStateException("expected 4 tracked faces in the benchmark frame, found " + faces);
        }
    }

    /** Closes the session and the models it was handed. */
    @TearDown(Level.Trial)
    public void tearDown() {
        session.close();
    }

    /** @return the faces to draw on a shown frame */
    @Benchmark
    public List<TrackedFace> facesAt() {
        return session.facesAt(shown);
    }

    /** @return one displayed frame: the faces moved to its time and drawn on a copy of it */
    @Benchmark
    public BufferedImage displayedFrame() {
        return session.render(frame, shown);
    }
}
