package io.emojify.cli;

import io.emojify.Emojify;
import io.emojify.EmojifyException;
import io.emojify.djl.face.DetectorSettings;
import io.emojify.face.FaceDetector;
import io.emojify.live.LiveOptions;
import io.emojify.live.LiveSession;
import io.emojify.render.EmojiRenderer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.bytedeco.javacv.CanvasFrame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.bytedeco.javacv.OpenCVFrameGrabber;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code emojify webcam [--device N]}: a live window with the emojified camera picture. Every camera frame is shown as
 * it comes, with the faces of a {@link LiveSession} moved to its time; the window shows both rates (frames shown and
 * analyses per second).
 */
@Command(name = "webcam", mixinStandardHelpOptions = true,
        description = "Show the camera live with faces replaced by their emoji (close the window to stop).")
final class WebcamCommand implements Callable<Integer> {

    @Option(names = "--device", defaultValue = "0", description = "Camera number (default 0)")
    int device;

    @Mixin
    DetectionOptions detection = new DetectionOptions();

    @Override
    public Integer call() throws Exception {
        if (device < 0 || !Files.exists(Path.of("/dev/video" + device)) && isLinux()) {
            System.err.println("emojify: no camera " + device + " (/dev/video" + device + " does not exist)");
            return 1;
        }
        if (GraphicsEnvironment.isHeadless()) {
            System.err.println("emojify: no display here (headless); the webcam window needs one");
            return 1;
        }
        FaceDetector faceDetector;
        try {
            faceDetector = detection.open(DetectorSettings.VIDEO);
        } catch (IllegalArgumentException | EmojifyException e) {
            System.err.println("emojify: " + e.getMessage());
            return 2;
        }
        Emojify.Builder builder = Emojify.builder();
        if (faceDetector != null) {
            builder.optFaceDetector(faceDetector);
        }
        try (FaceDetector closeDetector = faceDetector;
                OpenCVFrameGrabber grabber = new OpenCVFrameGrabber(device);
                Java2DFrameConverter converter = new Java2DFrameConverter();
                LiveSession session = builder.buildLive(LiveOptions.defaults())) {
            try {
                grabber.start();
            } catch (FrameGrabber.Exception e) {
                System.err.println("emojify: cannot open camera " + device + ": " + e.getMessage());
                return 1;
            }
            CanvasFrame window = new CanvasFrame("Emojify - camera " + device, 1);
            window.setDefaultCloseOperation(javax.swing.WindowConstants.DISPOSE_ON_CLOSE);
            long last = System.nanoTime();
            double shownFps = 0;
            while (window.isVisible()) {
                var frame = grabber.grab();
                if (frame == null || frame.image == null) {
                    continue;
                }
                long captured = System.nanoTime();
                // a copy: the converter reuses its image, and the session reads the frame later on its worker
                BufferedImage img = EmojiRenderer.copy(converter.convert(frame));
                session.offer(img, captured);
                BufferedImage out = session.render(img, captured);
                shownFps = 0.9 * shownFps + 0.1 * (1e9 / Math.max(1, captured - last));
                last = captured;
                Graphics2D g = out.createGraphics();
                g.setColor(Color.YELLOW);
                g.drawString(String.format(Locale.ROOT, "%.1f fps shown, %.1f analyses/s", shownFps,
                        session.stats().analysesPerSecond()), 10, 20);
                g.dispose();
                window.showImage(out);
            }
            grabber.stop();
            return 0;
        }
    }

    private static boolean isLinux() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
    }
}
