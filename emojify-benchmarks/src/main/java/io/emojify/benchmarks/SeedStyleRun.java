package io.emojify.benchmarks;

import io.emojify.Annotation;
import io.emojify.Emojify;
import io.emojify.djl.Engines;
import io.emojify.djl.emotion.DjlEmotionClassifier;
import io.emojify.djl.emotion.EmotionModels;
import io.emojify.djl.model.EmotionModel;
import io.emojify.emotion.FaceViews;
import io.emojify.opencv.HaarCascadeFaceDetector;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * The baseline the video figures are compared with: the pipeline of the project Emojify grew from, done again in Java on
 * the same clip. Frame by frame on one thread, with no tracking: decode, find faces with OpenCV's Haar cascade
 * (frontalface_default), classify each face with the accurate model's VGG network in one pass (one view, no crops or
 * mirror), and draw the emoji over the faces. The drawn frames are not encoded (the seed showed them in a window), so
 * the baseline does less work than {@code emojify video}. Prints the frames per second over the whole clip, from the
 * first frame read to the last one drawn; loading the models is timed apart.
 *
 * <pre>java -Demojify.shared=../shared -cp emojify-benchmarks/target/benchmarks.jar io.emojify.benchmarks.SeedStyleRun
 *     pan.mp4 [engine=OnnxRuntime|PyTorch]</pre>
 */
public final class SeedStyleRun {

    private SeedStyleRun() {}

    /**
     * Runs the baseline over a clip.
     *
     * @param args the clip (as {@link PanClip} writes it) and the emotion engine, the engine optional
     * @throws Exception if the clip cannot be read or a model cannot be loaded
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: SeedStyleRun CLIP [engine]  (write the clip with PanClip)");
        }
        avutil.av_log_set_level(avutil.AV_LOG_ERROR); // FFmpeg's stream listings would drown the figures
        Path clip = Path.of(args[0]);
        if (!Files.isRegularFile(clip)) {
            throw new IllegalArgumentException(clip + ": no such file (write it with PanClip)");
        }
        String engine = Engines.require(args.length > 1 ? args[1] : Engines.ONNX_RUNTIME);
        BenchmarkImages.shared();
        long load0 = System.nanoTime();
        EmotionModel vgg = EmotionModel.fromClassPath(EmotionModels.ACCURATE_RESOURCE + "vgg/",
                "The accurate model's VGG is not on the class path: build emojify-benchmarks with emojify-model-accurate");
        try (Emojify emojify = Emojify.builder().optFaceDetector(new HaarCascadeFaceDetector())
                .optEmotionClassifier(DjlEmotionClassifier.builder().optModel(vgg).optEngine(engine)
                        .optViews(FaceViews.SINGLE).build())
                .optCloseGivenComponents(true).build();
                FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(clip.toFile());
                Java2DFrameConverter conv = new Java2DFrameConverter()) {
            double loadSeconds = (System.nanoTime() - load0) / 1e9;
            grabber.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
            long t0 = System.nanoTime();
            grabber.start();
            int frames = 0;
            long faces = 0;
            long checksum = 0;
            Frame f;
            while ((f = grabber.grabImage()) != null) {
                BufferedImage image = conv.convert(f);
                Annotation a = emojify.process(image);
                faces += a.faces().size();
                checksum += a.image().getRGB(image.getWidth() / 2, image.getHeight() / 2);
                frames++;
                if (frames % 100 == 0) {
                    System.out.printf(Locale.ROOT, "frame %d, %.1f fps so far%n", frames,
                            frames / ((System.nanoTime() - t0) / 1e9));
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "Seed-style pipeline (Haar cascade, VGG one pass per face on %s, drawing; one "
                    + "thread, no tracking, no encoding) on %s: %d frames in %.2f s, %.1f frames/s over the whole clip; "
                    + "%.2f faces per frame; models loaded in %.2f s (checksum %d)%n", engine, clip, frames, seconds,
                    frames / seconds, frames == 0 ? 0.0 : faces / (double) frames, loadSeconds, checksum);
        }
    }
}
