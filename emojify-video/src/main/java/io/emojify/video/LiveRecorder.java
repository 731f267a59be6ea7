package io.emojify.video;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FFmpegLogCallback;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Keeps a live session as a video: each frame that was shown is written, at the time it was shown, as H.264 in MP4 (the
 * encoder chosen as {@link VideoAnnotator} chooses it). The stream's time base is one frame at the rate given; a frame
 * shown within the same frame slot as the one before it is skipped, and a gap (a frame shown late) stays a gap, so that
 * the video plays back at the pace it was shown.
 *
 * <pre>{@code
 * try (LiveRecorder recorder = LiveRecorder.start(Path.of("session.mp4"), 640, 480, 30)) {
 *     recorder.record(shown, micros);   // every frame shown, with its time since the first one
 *     ...
 *     recorder.finish();                // writes the index; without it the file is not a playable MP4
 * }
 * }</pre>
 *
 * <p>The file is written where asked: a caller that wants it to appear only when complete writes to a temporary name and
 * moves it ({@code io.emojify.io.AtomicFiles}). H.264 in 4:2:0 needs even sides: an odd width or height is written one
 * column or row larger (a copy of the last one). A frame of another size than the recording's is scaled to it.
 *
 * <p>Encoding runs on the recorder's own thread, so that the thread showing the frames only copies each one (well under
 * a millisecond at 640x480) and a slow frame of the encoder does not hold the display up. Up to about a second of frames
 * (at most {@value #MAX_BUFFERED_FRAMES}, and at most {@value #MAX_BUFFERED_BYTES} bytes of pixels) wait for the encoder;
 * only when all of them wait does {@link #record} wait for one to be encoded, so that every frame shown is kept and
 * memory stays bounded. An encoding error is thrown by the next {@link #record} or by {@link #finish()}. Not
 * thread-safe: one thread records.
 */
public final class LiveRecorder implements AutoCloseable {

    /** The most frames that wait for the encoder (a second at 30 frames/s). */
    static final int MAX_BUFFERED_FRAMES = 30;

    /** The most bytes of pixels that wait for the encoder (fewer frames wait when they are large). */
    static final int MAX_BUFFERED_BYTES = 64 << 20;

    /** A frame copied for the encoder, with its slot; {@link #END} ends the encoder's loop. */
    private record Pending(BufferedImage image, long slot) {}

    private static final Pending END = new Pending(null, -1);

    private final FFmpegFrameRecorder recorder;
    private final Path out;
    private final int width;
    private final int height;
    private final double fps;
    private final String videoEncoder;
    private final BufferedImage output;
    private final Frame encoded;
    private final BlockingQueue<BufferedImage> free;
    private final BlockingQueue<Pending> pending;
    private final Thread encoderThread;
    private volatile Throwable failure;
    private long lastSlot = -1;
    private int frames;
    private boolean finished;

    private LiveRecorder(FFmpegFrameRecorder recorder, Path out, int width, int height, double fps, String encoder) {
        this.recorder = recorder;
        this.out = out;
        this.width = width;
        this.height = height;
        this.fps = fps;
        this.videoEncoder = encoder;
        int outW = width + (width & 1);
        int outH = height + (height & 1);
        this.output = new BufferedImage(outW, outH, BufferedImage.TYPE_3BYTE_BGR);
        this.encoded = new Frame(outW, outH, Frame.DEPTH_UBYTE, 3);
        int buffered = bufferedFrames(width, height);
        this.free = new ArrayBlockingQueue<>(buffered);
        this.pending = new ArrayBlockingQueue<>(buffered + 1);
        for (int i = 0; i < buffered; i++) {
            free.add(new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR));
        }
        this.encoderThread = new Thread(this::encodeUntilEnd, "emojify-recorder-" + out.getFileName());
        encoderThread.setDaemon(true);
        encoderThread.start();
    }

    /** The encoder's loop: each waiting frame in order, until {@link #END} or an error (kept for the caller). */
    private void encodeUntilEnd() {
        try {
            for (Pending p = pending.take(); p != END; p = pending.take()) {
                if (failure == null) {
                    try {
                        VideoAnnotator.toFrame(p.image, output, encoded);
                        recorder.setFrameNumber((int) Math.min(Integer.MAX_VALUE, p.slot));
                        recorder.record(encoded, avutil.AV_PIX_FMT_BGR24);
                    } catch (FrameRecorder.Exception | RuntimeException e) {
                        failure = e;
                    }
                }
                free.add(p.image);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closed: the recording is abandoned
        }
    }

    /**
     * Starts a recording.
     *
     * @param out the MP4 file to write (created or truncated)
     * @param width the frames' width
     * @param height the frames' height
     * @param fps the frame rate: the finest step of the recording's clock (the source's rate, such as a camera's 30)
     * @return the recorder; {@link #finish()} it, and close it in any case
     * @throws VideoException if the size or rate is not positive, or the file cannot be written
     */
    public static LiveRecorder start(Path out, int width, int height, double fps) {
        Objects.requireNonNull(out, "out");
        if (width < 1 || height < 1 || !(fps > 0) || Double.isInfinite(fps)) {
            throw new VideoException("Cannot record " + out + " at " + width + "x" + height + " and " + fps
                    + " frames/s: the size and rate must be positive");
        }
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        FFmpegLogCallback.set();
        int outW = width + (width & 1);
        int outH = height + (height & 1);
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(out.toFile(), outW, outH, 0);
        String encoder;
        try {
            recorder.setFormat(OutputContainer.MP4.format());
            recorder.setFrameRate(fps);
            recorder.setGopSize((int) Math.max(1, Math.round(2 * fps)));
            encoder = VideoAnnotator.configureH264(recorder,
                    (int) Math.round(VideoAnnotator.MAX_BITS_PER_PIXEL * outW * outH * fps), outW, outH, fps);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setOption("movflags", "+faststart");
            recorder.start();
        } catch (FrameRecorder.Exception | RuntimeException e) {
            releaseQuietly(recorder);
            throw e instanceof VideoException v ? v
                    : new VideoException("Cannot write " + out + " as H.264 in MP4: " + e.getMessage(), e);
        }
        return new LiveRecorder(recorder, out, width, height, fps, encoder);
    }

    /**
     * Records a frame at the time it was shown. A frame in the same slot (one frame at the recording's rate) as the last
     * one written is skipped.
     *
     * @param frame the frame as shown (any image type; not modified)
     * @param micros when it was shown, in microseconds from the start of the session; never decreasing
     * @return true if it was written, false if it was skipped
     * @throws VideoException if encoding fails or the recording is finished
     */
    public boolean record(BufferedImage frame, long micros) {
        if (finished) {
            throw new VideoException("The recording " + out + " is finished");
        }
        throwIfFailed();
        long slot = Math.round(Math.max(0, micros) * fps / 1e6);
        if (slot <= lastSlot) {
            return false;
        }
        BufferedImage copy;
        try {
            copy = free.take(); // waits only when the encoder is a whole buffer behind
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VideoException("Interrupted while recording " + out, e);
        }
        lastSlot = slot;
        Graphics2D g = copy.createGraphics();
        try {
            if (frame.getWidth() != width || frame.getHeight() != height) {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.drawImage(frame, 0, 0, width, height, null);
            } else {
                g.drawImage(frame, 0, 0, null);
            }
        } finally {
            g.dispose();
        }
        pending.add(new Pending(copy, slot)); // room: there are no more images than the queue holds
        frames++;
        return true;
    }

    private void throwIfFailed() {
        Throwable e = failure;
        if (e != null) {
            throw new VideoException("Cannot write " + out + ": " + e.getMessage(), e);
        }
    }

    /** The frames that may wait for the encoder at this size: a second's worth within the byte bound, at least two. */
    static int bufferedFrames(int width, int height) {
        long bytes = 3L * (width + (width & 1)) * (height + (height & 1));
        return (int) Math.max(2, Math.min(MAX_BUFFERED_FRAMES, MAX_BUFFERED_BYTES / bytes));
    }

    /** @return the frames recorded so far (all of them are in the file once {@link #finish()} returns) */
    public int frames() {
        return frames;
    }

    /** @return the FFmpeg encoder used ({@code libx264}, {@code libopenh264}, ...) */
    public String videoEncoder() {
        return videoEncoder;
    }

    /**
     * Flushes the encoder and writes the MP4 index: the file is complete afterwards. Safe to call more than once.
     *
     * @throws VideoException if writing fails
     */
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        try {
            pending.add(END);
            encoderThread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VideoException("Interrupted while finishing " + out, e);
        }
        throwIfFailed();
        try {
            recorder.stop();
        } catch (FrameRecorder.Exception e) {
            throw new VideoException("Cannot finish " + out + ": " + e.getMessage(), e);
        }
    }

    /** Releases the encoder; a recording not {@link #finish() finished} is left incomplete. */
    @Override
    public void close() {
        finished = true;
        encoderThread.interrupt();
        try {
            encoderThread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        releaseQuietly(recorder);
    }

    private static void releaseQuietly(FFmpegFrameRecorder recorder) {
        try {
            recorder.release();
        } catch (FrameRecorder.Exception ignored) {
            // nothing more can be done for a recording being abandoned
        }
    }
}
