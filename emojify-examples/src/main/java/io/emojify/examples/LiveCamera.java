package io.emojify.examples;

import io.emojify.Emojify;
import io.emojify.live.LiveSession;
import io.emojify.render.EmojiRenderer;
import java.awt.image.BufferedImage;
import org.bytedeco.javacv.CanvasFrame;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.bytedeco.javacv.OpenCVFrameGrabber;

/**
 * Example: a camera (or a video file, played at its rate) in a window, every frame shown with the faces of a live session.
 *
 * <pre>java -cp emojify-examples/target/emojify.jar io.emojify.examples.LiveCamera [CAMERA_NUMBER | VIDEO_FILE_OR_URL]</pre>
 */
public final class LiveCamera {

    private LiveCamera() {}

    /**
     * @param args a camera number (default 0), or a video file or stream URL
     * @throws Exception if the camera or file cannot be opened
     */
    public static void main(String[] args) throws Exception {
        String source = args.length > 0 ? args[0] : "0";
        try (FrameGrabber camera = source.matches("\\d+") ? new OpenCVFrameGrabber(Integer.parseInt(source))
                        : new FFmpegFrameGrabber(source);
                Java2DFrameConverter converter = new Java2DFrameConverter();
                LiveSession session = Emojify.live()) {
            camera.start();
            long framePause = source.matches("\\d+") ? 0 : Math.round(1000 / Math.max(1, camera.getFrameRate()));
            CanvasFrame window = new CanvasFrame("Emojify live", 1);
            window.setDefaultCloseOperation(javax.swing.WindowConstants.DISPOSE_ON_CLOSE);
            Frame frame;
            while (window.isVisible() && (frame = camera.grab()) != null) {
                if (frame.image == null) {
                    continue;
                }
                long captured = System.nanoTime();
                BufferedImage image = EmojiRenderer.copy(converter.convert(frame)); // the session reads it later
                session.offer(image, captured);                                      // never blocks
                window.showImage(session.render(image, captured));                  // faces moved to this frame's time
                Thread.sleep(framePause);
            }
            System.out.println(session.stats());
            window.dispose();
        }
    }
}
