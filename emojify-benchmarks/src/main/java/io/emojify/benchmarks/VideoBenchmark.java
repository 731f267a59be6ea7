package io.emojify.benchmarks;

import io.emojify.Emojify;
import io.emojify.djl.Engines;
import io.emojify.djl.emotion.DjlEmotionClassifier;
import io.emojify.djl.face.YuNetFaceDetector;
import io.emojify.djl.model.EmotionModel;
import io.emojify.track.TrackerSettings;
import io.emojify.video.VideoAnnotator;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The {@code emojify video} path on a 640x480 MPEG-4 clip of 60 frames (a pan over the four people): decode, annotate
 * with tracking, encode. Scores are per video frame ({@code 1000 / score} is the throughput in frames per second);
 * {@link #decodeOnly} is the share of FFmpeg decoding and the conversion to {@code BufferedImage}.
 */
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
public class VideoBenchmark extends AverageTimeBenchmark {

    private static final int W = 640;
    private static final int H = 480;
    private static final int FRAMES = 60;

    /** The engine of the emotion model. */
    @Param({"OnnxRuntime", "PyTorch"})
    public String engine;

    private Path dir;
    private Path clip;
    private Path out;
    private Emojify emojify;

    /** Writes the clip and loads the models once. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("emojify-video-bench");
        clip = dir.resolve("pan.mp4");
        out = dir.resolve("out.mp4");
        writeClip(BenchmarkImages.fourPeople(1024, 484), clip);
        emojify = Emojify.builder().optFaceDetector(YuNetFaceDetector.create())
                .optEmotionClassifier(new DjlEmotionClassifier(EmotionModel.embedded(), Engines.require(engine)))
                .optCloseGivenComponents(true).build();
    }

    /** Releases the models and deletes the files. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        emojify.close();
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** @return frames written: the whole clip decoded, annotated with tracking and encoded, as {@code emojify video} does */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public int annotateClip() {
        int frames = new VideoAnnotator(emojify, TrackerSettings.DEFAULT).annotate(clip, out, "mp4", null).frames();
        if (frames != FRAMES) {
            throw new IllegalStateException("wrote " + frames + " frames of " + FRAMES);
        }
        return frames;
    }

    /** @return a checksum: the clip decoded and converted to images, nothing else */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public long decodeOnly() throws IOException {
        long sum = 0;
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(clip.toFile());
                Java2DFrameConverter conv = new Java2DFrameConverter()) {
            g.start();
            Frame f;
            while ((f = g.grabImage()) != null) {
                sum += conv.convert(f).getRGB(W / 2, H / 2);
            }
        }
        return sum;
    }

    private static void writeClip(BufferedImage photo, Path clip) {
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(clip.toFile(), W, H, 0);
                Java2DFrameConverter conv = new Java2DFrameConverter()) {
            r.setFormat("mp4");
            r.setFrameRate(30);
            r.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
            r.setVideoQuality(2);
            r.start();
            for (int f = 0; f < FRAMES; f++) {
                double ww = photo.getWidth() * (1.0 - 0.2 * f / FRAMES);
                double hh = ww * H / W;
                double x = (photo.getWidth() - ww) * f / (FRAMES - 1.0);
                double y = Math.max(0, (photo.getHeight() - hh) / 2);
                BufferedImage frame = new BufferedImage(W, H, BufferedImage.TYPE_3BYTE_BGR);
                Graphics2D g = frame.createGraphics();
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.drawImage(photo, 0, 0, W, H, (int) x, (int) y, (int) (x + ww), (int) (y + hh), null);
                g.dispose();
                r.record(conv.convert(frame));
            }
            r.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
