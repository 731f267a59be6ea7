package io.emojify.cli;

import io.emojify.Emojify;
import io.emojify.djl.face.DetectorSettings;
import io.emojify.io.AtomicFiles;
import io.emojify.live.LiveOptions;
import io.emojify.live.LiveSession;
import io.emojify.live.LiveStats;
import io.emojify.render.EmojiRenderer;
import io.emojify.video.LiveRecorder;
import io.emojify.video.VideoException;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.CanvasFrame;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegLogCallback;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.bytedeco.javacv.OpenCVFrameGrabber;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code emojify webcam [--device N|PATH | --input URL|FILE] [--record OUT.mp4 [--overwrite]] [--headless]}: a camera, a
 * network camera or a video file, live, with faces replaced by their emoji. Every frame is shown as it comes, with the faces
 * of a {@link LiveSession} moved to its time; the window's title shows both rates (frames shown and analyses per second),
 * and {@code --headless} prints them instead of opening a window. A file is played at its own rate (paced by its
 * timestamps; a frame more than one frame late is not shown), and its end ends the command. Closing the window ends it
 * too, with exit code 0, and so does an interrupt (Ctrl-C), after the recording is kept.
 *
 * <p>{@code --record OUT.mp4} keeps the frames shown as H.264 in MP4, at the times they were shown ({@link LiveRecorder}),
 * written to a temporary file beside OUT and moved into place when the session ends. An existing OUT is refused (exit code
 * 2) unless {@code --overwrite} is given.
 */
@Command(name = "webcam", mixinStandardHelpOptions = true,
        description = {"Show a camera, a network camera or a video file live with faces replaced by their emoji; the "
                + "window's title shows the frames shown and the analyses per second. Close the window (or press "
                + "Ctrl-C) to stop; a file stops at its end.",
            "Sources: --device 0 or --device /dev/video0 (a camera), --input rtsp://... or http://... (a network camera, "
                + "RTSP or MJPEG), --input FILE (a video played at its own rate)."})
final class WebcamCommand implements Callable<Integer> {

    /** How often the rates are updated in the title (and printed with {@code --headless}). */
    private static final long RATE_PERIOD_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int HEADLESS_PRINT_EVERY = 2;

    /** The source: a camera, or anything FFmpeg opens. */
    static final class Source {
        @Option(names = "--device", paramLabel = "N|PATH",
                description = "A camera: its number (0 is /dev/video0 on Linux) or its device file (default 0)")
        String device;

        @Option(names = "--input", paramLabel = "URL|FILE",
                description = "A network camera (rtsp://..., an http://... MJPEG stream) or a video file, played at its "
                        + "own rate")
        String input;
    }

    @ArgGroup(exclusive = true)
    Source source = new Source();

    @Option(names = "--record", paramLabel = "OUT.mp4",
            description = "Keep the frames shown (with their emoji) as H.264 in MP4, at the pace they were shown")
    Path record;

    @Option(names = "--overwrite", description = "Replace the --record file if it exists")
    boolean overwrite;

    @Option(names = "--headless", description = "No window (for machines without a display): print the rates; with "
            + "--record, record")
    boolean headless;

    @Mixin
    DetectionOptions detection = new DetectionOptions();
    @Mixin
    EmotionModelOption emotionModel = new EmotionModelOption();

    private volatile boolean stopRequested;

    @Override
    public Integer call() throws Exception {
        Integer refused = checkRecord();
        if (refused != null) {
            return refused;
        }
        Opened opened = openSource();
        if (opened.error != null) {
            System.err.println("emojify: " + opened.error);
            return 1;
        }
        try (FrameGrabber grabber = opened.grabber) {
            if (!headless && GraphicsEnvironment.isHeadless()) {
                System.err.println("emojify: no display here (headless); the webcam window needs one (add --headless "
                        + "to run without a window)");
                return 1;
            }
            try {
                grabber.start();
            } catch (FrameGrabber.Exception e) {
                System.err.println("emojify: cannot open " + opened.name + ": " + e.getMessage());
                return 1;
            }
            DetectionOptions.Chosen faceDetector = detection.openOrPrint(DetectorSettings.VIDEO);
            if (faceDetector == null) {
                return 2;
            }
            Emojify.Builder builder = faceDetector.applyTo(emotionModel.apply(Emojify.builder()));
            try (faceDetector; LiveSession session = builder.buildLive(LiveOptions.defaults())) {
                return run(opened, session);
            }
        }
    }

    /** Refuses a --record that cannot be honoured, before anything is opened: exit code 2 (or 1), else null. */
    private Integer checkRecord() throws IOException {
        if (record == null) {
            if (overwrite) {
                System.err.println("emojify: --overwrite applies to --record; give --record OUT.mp4");
                return 2;
            }
            return null;
        }
        if (!record.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".mp4")) {
            System.err.println("emojify: cannot record to " + record + ": name it .mp4 (the recording is H.264 in MP4)");
            return 2;
        }
        if (source.input != null && Files.exists(record) && Files.exists(Path.of(source.input))
                && Files.isSameFile(record, Path.of(source.input))) {
            System.err.println("emojify: " + record + " is the input; record to another file");
            return 2;
        }
        int refused = OutputChecks.check(record, List.of(record), overwrite, "session.mp4");
        return refused != 0 ? refused : null;
    }

    /** An opened (not started) source, or why it cannot be. */
    private record Opened(FrameGrabber grabber, String name, boolean paced, String error) {
        static Opened error(String message) {
            return new Opened(null, null, false, message);
        }
    }

    private Opened openSource() {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        FFmpegLogCallback.set();
        if (source.input != null) {
            String input = source.input;
            boolean url = input.contains("://");
            if (!url && !Files.isRegularFile(Path.of(input))) {
                return Opened.error(input + ": no such file");
            }
            FFmpegFrameGrabber g = new FFmpegFrameGrabber(input);
            g.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
            if (url) {
                g.setOption("rw_timeout", "10000000"); // a camera that stops answering ends the session after 10 s
                if (input.startsWith("rtsp://")) {
                    g.setOption("rtsp_transport", "tcp");
                }
            }
            // credentials in a URL (rtsp://user:password@host/...) are not shown in the title or in messages
            String name = url ? input.replaceFirst("//[^/@]*@", "//***@") : Path.of(input).getFileName().toString();
            return new Opened(g, name, !url, null);
        }
        String device = source.device == null ? "0" : source.device;
        boolean number = device.matches("\\d+");
        if (!isLinux()) {
            if (!number) {
                return Opened.error("--device " + device + ": give a camera number (device files are for Linux)");
            }
            return new Opened(new OpenCVFrameGrabber(Integer.parseInt(device)), "camera " + device, false, null);
        }
        String file = number ? "/dev/video" + device : device;
        if (!Files.exists(Path.of(file))) {
            return Opened.error("no camera " + device + " (" + file + " does not exist)");
        }
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(file);
        g.setFormat("video4linux2");
        g.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
        return new Opened(g, "camera " + file, false, null);
    }

    /** The loop: grab, offer, draw, show (and record) until the window is closed, the source ends or a stop is asked. */
    private int run(Opened opened, LiveSession session) throws IOException, InterruptedException {
        FrameGrabber grabber = opened.grabber;
        double fps = grabber.getFrameRate() > 0 && grabber.getFrameRate() < 1000 ? grabber.getFrameRate() : 30;
        long framePeriod = Math.round(1e9 / fps);
        Path tmp = record == null ? null : AtomicFiles.temporaryFileFor(record);
        CountDownLatch done = new CountDownLatch(1);
        Thread onInterrupt = new Thread(() -> {
            stopRequested = true;
            try {
                if (!done.await(10, TimeUnit.SECONDS) && tmp != null) {
                    Files.deleteIfExists(tmp);
                }
            } catch (InterruptedException | IOException ignored) {
                // the JVM is ending
            }
        }, "emojify-webcam-stop");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        CanvasFrame window = null;
        LiveRecorder recorder = null;
        Rates rates = new Rates();
        String error = null;
        try (Java2DFrameConverter converter = new Java2DFrameConverter()) {
            if (!headless) {
                window = openWindow(opened.name); // before the first frame, so that opening it does not delay one
            }
            long firstNanos = 0;
            long firstTimestamp = 0;
            while (!stopRequested && (window == null || window.isVisible())) {
                Frame frame;
                try {
                    frame = grabber instanceof FFmpegFrameGrabber f ? f.grabImage() : grabber.grab();
                } catch (FrameGrabber.Exception e) {
                    error = "lost " + opened.name + ": " + e.getMessage();
                    break;
                }
                if (frame == null) {
                    break; // the end of a file or stream
                }
                if (frame.image == null) {
                    continue;
                }
                long now = System.nanoTime();
                if (rates.shown + rates.late == 0) {
                    firstNanos = now;
                    firstTimestamp = frame.timestamp;
                }
                long shownAt = now;
                if (opened.paced) {
                    shownAt = firstNanos + (frame.timestamp - firstTimestamp) * 1000;
                    if (now - shownAt > framePeriod) {
                        rates.late++; // too late to be shown at its time: the file keeps its pace
                        continue;
                    }
                    sleepUntil(shownAt, window);
                }
                // a copy: the converter reuses its image, and the session reads the frame later on its worker
                BufferedImage image = EmojiRenderer.copy(converter.convert(frame));
                session.offer(image, shownAt);
                BufferedImage shown = session.render(image, shownAt);
                if (window != null) {
                    window.showImage(shown);
                }
                if (tmp != null) {
                    if (recorder == null) {
                        rates.width = shown.getWidth();
                        rates.height = shown.getHeight();
                        recorder = LiveRecorder.start(tmp, rates.width, rates.height, fps);
                    }
                    long micros = opened.paced ? frame.timestamp - firstTimestamp : (shownAt - firstNanos) / 1000;
                    recorder.record(shown, micros);
                }
                if (rates.tick(shownAt)) {
                    String line = rates.describe(session);
                    if (window != null) {
                        CanvasFrame w = window;
                        String title = "Emojify - " + opened.name + " - " + line;
                        SwingUtilities.invokeLater(() -> w.setTitle(title));
                    } else if (rates.reports % HEADLESS_PRINT_EVERY == 0) {
                        System.err.printf(Locale.ROOT, "%.0f s: %s%n", (shownAt - firstNanos) / 1e9, line);
                    }
                }
            }
            grabber.stop();
            if (rates.shown == 0) {
                System.err.println("emojify: " + (error != null ? error : opened.name + " gave no video frames"));
                return 1;
            }
            double seconds = Math.max(1e-9, (rates.lastNanos - firstNanos) / 1e9);
            LiveStats stats = session.stats();
            System.err.printf(Locale.ROOT, "Shown %d frames in %.1f s (%.1f frames/s), %d analyses (%.1f/s; %d frames "
                    + "passed over for a newer one), %d frames too late to be shown%n", rates.shown, seconds,
                    (rates.shown - 1) / seconds, stats.analysed(), stats.analysed() / seconds, stats.dropped(),
                    rates.late);
            if (recorder != null) {
                recorder.finish();
                AtomicFiles.place(tmp, record, overwrite ? AtomicFiles.Existing.REPLACE : AtomicFiles.Existing.REFUSE);
                System.err.printf(Locale.ROOT, "Recorded %s (H.264, %d frames, %dx%d, %s)%n", record, recorder.frames(),
                        rates.width, rates.height, recorder.videoEncoder());
            }
            if (error != null) {
                System.err.println("emojify: " + error);
                return 1;
            }
            return 0;
        } catch (FileAlreadyExistsException e) {
            System.err.println("emojify: " + record + " appeared while recording; not replaced (add --overwrite)");
            return 1;
        } catch (VideoException e) {
            System.err.println("emojify: " + e.getMessage());
            return 1;
        } finally {
            if (recorder != null) {
                recorder.close();
            }
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
            if (window != null) {
                window.dispose();
            }
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it has seen the loop end
            }
        }
    }

    private static CanvasFrame openWindow(String name) {
        CanvasFrame window = new CanvasFrame("Emojify - " + name, 1);
        window.setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
        return window;
    }

    /** Sleeps until a time on {@link System#nanoTime()}'s clock, waking early if the window is closed or a stop asked. */
    private void sleepUntil(long nanos, CanvasFrame window) throws InterruptedException {
        long left;
        while ((left = nanos - System.nanoTime()) > 0 && !stopRequested && (window == null || window.isVisible())) {
            TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
        }
    }

    /** Frames shown per second over the last period, and the counts. */
    private static final class Rates {
        int shown;
        int late;
        int reports;
        long lastNanos;
        int width;
        int height;
        private long periodStart = Long.MIN_VALUE;
        private int periodFrames;
        private double shownPerSecond;

        /** Counts a frame shown; returns true when a period ended and the rates are new. */
        boolean tick(long nanos) {
            shown++;
            lastNanos = nanos;
            if (periodStart == Long.MIN_VALUE) {
                periodStart = nanos;
                return false;
            }
            periodFrames++;
            if (nanos - periodStart < RATE_PERIOD_NANOS) {
                return false;
            }
            shownPerSecond = periodFrames / ((nanos - periodStart) / 1e9);
            periodStart = nanos;
            periodFrames = 0;
            reports++;
            return true;
        }

        String describe(LiveSession session) {
            return String.format(Locale.ROOT, "%.1f frames/s shown, %.1f analyses/s", shownPerSecond,
                    session.stats().analysesPerSecond());
        }
    }

    private static boolean isLinux() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
    }
}
