package io.emojify.video;

import io.emojify.AnnotatedFace;
import io.emojify.Emojify;
import io.emojify.live.LiveException;
import io.emojify.live.LiveOptions;
import io.emojify.live.LiveResult;
import io.emojify.live.OrderedSession;
import io.emojify.track.TrackedFace;
import io.emojify.track.TrackerSettings;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FFmpegLogCallback;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Emojifies a video file: decodes it with FFmpeg, runs every frame through an {@link Emojify} instance in an
 * {@link OrderedSession} (which tracks the faces, so that a face keeps its emoji from frame to frame), and encodes the
 * drawn frames, in order, as H.264 at the same size and frame rate, with the audio kept (re-encoded as AAC). The engine of
 * the {@code emojify video} command and of the video benchmark.
 *
 * <p>The three stages run at the same time, each on its own thread: a decoder thread reads frames and converts them to
 * images, the ordered session's worker analyses them, and the calling thread draws and encodes them (and calls the
 * {@link FrameListener}). They are joined by bounded queues: the session holds at most
 * {@value LiveOptions#DEFAULT_MAX_PENDING} frames, and the decoder is at most {@value #ENTRIES} entries (video frames
 * and audio frames, in input order) ahead of the writer, so memory is bounded whatever the length of the video; the
 * images of written frames are decoded into again. Audio frames are recorded where they came in the input. When any stage
 * fails, or the calling thread is interrupted, the others are stopped and their threads have ended before
 * {@code annotate} returns or throws.
 *
 * <p>H.264 is written with libx264 (constant quality, CRF {@value #X264_CRF}) when the FFmpeg build has it, else with
 * OpenH264 (the encoder in JavaCV's default FFmpeg build) at the input's video bit rate, kept within
 * {@value #MIN_BITS_PER_PIXEL}-{@value #MAX_BITS_PER_PIXEL} bits per pixel. H.264 in 4:2:0 needs an even width and height:
 * an odd-sized video is padded by one column or row (a copy of the last one) and {@link Result} reports the size written.
 *
 * <p>Frames are moved between FFmpeg and Java 2D as BGR24 bytes with the pixel format stated on both sides; nothing is left
 * for a converter to guess from strides or image types.
 *
 * <p>Not thread-safe: use one instance per video. The {@code Emojify} instance it is given is not closed.
 */
public final class VideoAnnotator {

    /** The smallest width and height accepted: the emotion model reads 48x48 faces; a smaller frame cannot show one. */
    public static final int MIN_SIDE = 48;

    /** Entries (video frames in the ordered session, audio frames) the decoder may be ahead of the writer. */
    static final int ENTRIES = 16;

    /** libx264's constant rate factor, when libx264 is available. */
    static final int X264_CRF = 21;

    /** OpenH264's bit rate is the input's, but not under this many bits per pixel and frame. */
    static final double MIN_BITS_PER_PIXEL = 0.08;

    /** ... nor over this many (an input in MJPEG or a lossless codec would otherwise give a needlessly large file). */
    static final double MAX_BITS_PER_PIXEL = 0.3;

    /** Receives each frame's tracked faces, for progress and summaries. */
    @FunctionalInterface
    public interface FrameListener {
        /**
         * Called after each video frame is annotated.
         *
         * @param frame the 0-based frame index
         * @param totalFrames the frame count the container declares, or 0 if unknown
         * @param seconds the frame's time in seconds
         * @param faces the tracked faces of the frame
         */
        void onFrame(int frame, int totalFrames, double seconds, List<TrackedFace> faces);
    }

    /**
     * What was written.
     *
     * @param frames the video frames written
     * @param width the width written (the input's, or one more when the input's is odd)
     * @param height the height written (the input's, or one more when the input's is odd)
     * @param fps the frame rate
     * @param inputWidth the input's width
     * @param inputHeight the input's height
     * @param videoEncoder the FFmpeg encoder used ({@code libx264}, {@code libopenh264}, ...)
     * @param audio whether an audio track was written
     */
    public record Result(int frames, int width, int height, double fps, int inputWidth, int inputHeight,
            String videoEncoder, boolean audio) {}

    private final Emojify emojify;
    private final TrackerSettings trackerSettings;

    /**
     * Creates an annotator.
     *
     * @param emojify the pipeline that annotates and draws each frame (not closed here)
     * @param trackerSettings how faces are followed across frames
     */
    public VideoAnnotator(Emojify emojify, TrackerSettings trackerSettings) {
        this.emojify = Objects.requireNonNull(emojify, "emojify");
        this.trackerSettings = Objects.requireNonNull(trackerSettings, "trackerSettings");
    }

    /**
     * Annotates a video. The output is written where asked (callers that want it to appear only when complete write to a
     * temporary name and move it).
     *
     * @param in the input video (any format FFmpeg reads)
     * @param out the output video
     * @param format the container: an {@link OutputContainer}'s FFmpeg name ({@code mp4}, {@code mov}, {@code matroska},
     *     {@code avi}) or extension ({@code mkv}, {@code m4v})
     * @param listener receives every frame's faces, or {@code null}
     * @return the frame count, size and rate written; zero frames if the input has none
     * @throws VideoException if the container is not one of {@link OutputContainer}, the input cannot be read, has no
     *     video stream or frames smaller than {@value #MIN_SIDE}x{@value #MIN_SIDE}, ends before the frames its header
     *     declares, or the output cannot be written
     */
    public Result annotate(Path in, Path out, String format, FrameListener listener) {
        OutputContainer container = OutputContainer.forName(format).orElseThrow(() -> new VideoException(
                "Cannot write " + out + ": unknown container '" + format + "'; use one of "
                        + OutputContainer.supportedExtensions()));
        return annotate(in, out, container, listener);
    }

    /**
     * Annotates a video into the given container.
     *
     * @param in the input video (any format FFmpeg reads)
     * @param out the output video
     * @param container the output container
     * @param listener receives every frame's faces, or {@code null}
     * @return the frame count, size and rate written; zero frames if the input has none
     * @throws VideoException if the input cannot be read, has no video stream or frames smaller than
     *     {@value #MIN_SIDE}x{@value #MIN_SIDE}, ends before the frames its header declares, or the output cannot be
     *     written
     */
    public Result annotate(Path in, Path out, OutputContainer container, FrameListener listener) {
        Objects.requireNonNull(container, "container");
        if (!Files.isRegularFile(in)) {
            throw new VideoException(in + ": no such file");
        }
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        FFmpegLogCallback.set();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(in.toFile())) {
            grabber.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
            try {
                grabber.start();
            } catch (FrameGrabber.Exception e) {
                throw new VideoException(in + " is not a video FFmpeg can read (" + e.getMessage() + ")", e);
            }
            int w = grabber.getImageWidth();
            int h = grabber.getImageHeight();
            if (w <= 0 || h <= 0) {
                throw new VideoException(in + " has no video stream (frame size " + w + "x" + h + ")");
            }
            if (w < MIN_SIDE || h < MIN_SIDE) {
                throw new VideoException(in + " is " + w + "x" + h + ", too small to show a face; the smallest video "
                        + "accepted is " + MIN_SIDE + "x" + MIN_SIDE);
            }
            double fps = grabber.getVideoFrameRate() > 0 ? grabber.getVideoFrameRate() : 25;
            int total = Math.max(0, grabber.getLengthInVideoFrames());
            int outW = w + (w & 1);
            int outH = h + (h & 1);
            int audioChannels = Math.max(0, grabber.getAudioChannels());
            String encoder;
            int frames = 0;
            try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(out.toFile(), outW, outH, audioChannels)) {
                recorder.setFormat(container.format());
                recorder.setFrameRate(fps);
                recorder.setGopSize((int) Math.max(1, Math.round(2 * fps)));
                encoder = configureH264(recorder, videoBitrate(grabber, in, outW, outH, fps), outW, outH, fps);
                recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
                if (container == OutputContainer.MP4 || container == OutputContainer.MOV) {
                    recorder.setOption("movflags", "+faststart");
                }
                if (audioChannels > 0) {
                    recorder.setSampleRate(grabber.getSampleRate());
                    recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
                    int inAudio = grabber.getAudioBitrate();
                    recorder.setAudioBitrate(Math.min(320_000, Math.max(96_000 * Math.min(audioChannels, 2) / 2,
                            inAudio > 0 ? inAudio : 128_000)));
                }
                try {
                    recorder.start();
                } catch (FrameRecorder.Exception e) {
                    throw new VideoException("Cannot write " + out + " as H.264 (" + encoder + ") in "
                            + container.format() + ": " + e.getMessage(), e);
                }
                Writer writer = new Writer(recorder, in, outW, outH, fps, total, listener);
                try (OrderedSession session = OrderedSession.of(emojify,
                        LiveOptions.builder().optTrackerSettings(trackerSettings).build())) {
                    runPipeline(grabber, session, writer, in, w, h, fps, audioChannels > 0);
                }
                frames = writer.written;
                long declared = declaredVideoFrames(grabber);
                if (declared > 0 && declared - frames > Math.max(2, declared / 100)) {
                    throw new VideoException(in + " is incomplete: " + frames + " of the " + declared + " frames its "
                            + "header declares could be read (the file ends early or is damaged)");
                }
                recorder.stop();
            } catch (FrameRecorder.Exception e) {
                throw new VideoException("Cannot write " + out + ": " + e.getMessage(), e);
            }
            return new Result(frames, outW, outH, fps, w, h, encoder, audioChannels > 0);
        } catch (FrameGrabber.Exception e) {
            throw new VideoException("Cannot read " + in + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs the three stages until the input ends or a stage fails: this thread draws and encodes, a {@link Decoder}
     * thread reads, and the session's worker analyses. Whatever happens, the decoder thread has ended when this returns
     * (it reads from {@code grabber}, which the caller closes next).
     */
    private static void runPipeline(FFmpegFrameGrabber grabber, OrderedSession session, Writer writer, Path in, int w,
            int h, double fps, boolean audio) throws FrameRecorder.Exception {
        Decoder decoder = new Decoder(grabber, session, in, w, h, fps, audio);
        Thread thread = new Thread(decoder, "emojify-video-decode-" + DECODERS.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
        try {
            writer.writeAll(decoder, session);
            decoder.rethrow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VideoException("Interrupted while emojifying " + in, e);
        } finally {
            decoder.stop(thread, session);
        }
    }

    /** Numbers the decoder threads' names. */
    private static final AtomicInteger DECODERS = new AtomicInteger();

    /**
     * What the decoder hands the writer, in input order: a video frame (its image is in the ordered session), an audio
     * frame (a copy; the grabber reuses its own), or the end of the input.
     */
    private record Entry(boolean end, Frame audio) {
        static final Entry VIDEO = new Entry(false, null);
        static final Entry END = new Entry(true, null);
    }

    /**
     * The input side of {@link #annotate}, on its own thread: grabs each frame, converts a video frame into an image (one
     * the writer is done with, when there is one), submits it to the ordered session and tells the writer a video frame
     * is next; copies an audio frame to the writer. Both the session ({@link LiveOptions#maxPending()} frames) and the
     * entry queue ({@value #ENTRIES} entries) are bounded, so the decoder waits when it is ahead.
     */
    private static final class Decoder implements Runnable {
        private final FFmpegFrameGrabber grabber;
        private final OrderedSession session;
        private final Path in;
        private final int w;
        private final int h;
        private final double fps;
        private final boolean audio;
        final BlockingQueue<Entry> entries = new ArrayBlockingQueue<>(ENTRIES);
        /** Images whose frames have been written, for the next frames to be decoded into. */
        final Queue<BufferedImage> free = new ConcurrentLinkedQueue<>();
        private volatile boolean stopped;
        private volatile RuntimeException failure;

        Decoder(FFmpegFrameGrabber grabber, OrderedSession session, Path in, int w, int h, double fps, boolean audio) {
            this.grabber = grabber;
            this.session = session;
            this.in = in;
            this.w = w;
            this.h = h;
            this.fps = fps;
            this.audio = audio;
        }

        @Override
        public void run() {
            try {
                long submitted = 0;
                Frame frame;
                while (!stopped && (frame = grabber.grab()) != null) {
                    if (frame.image != null) {
                        BufferedImage image = free.poll();
                        if (image == null) {
                            image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
                        }
                        toImage(frame, image);
                        session.submit(image, Math.round(submitted * 1e9 / fps));
                        submitted++;
                        entries.put(Entry.VIDEO);
                    } else if (frame.samples != null && audio) {
                        Frame copy = frame.clone();
                        try {
                            entries.put(new Entry(false, copy));
                        } catch (InterruptedException e) {
                            copy.close();
                            throw e;
                        }
                    }
                }
            } catch (FrameGrabber.Exception e) {
                failure = new VideoException("Cannot read " + in + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                // stopped by the writer's side
            } catch (RuntimeException | Error e) {
                if (!stopped) { // once stopped, the closed session refuses frames: not a failure of the input
                    failure = e instanceof VideoException v ? v
                            : new VideoException("Cannot read " + in + ": " + e, e);
                }
            } finally {
                end();
            }
        }

        /** Tells the writer the input has ended (unless the writer has stopped). */
        private void end() {
            try {
                while (!stopped && !entries.offer(Entry.END, 50, TimeUnit.MILLISECONDS)) {
                    // the writer is drawing: wait for room
                }
            } catch (InterruptedException e) {
                // stopped
            }
        }

        /** The next entry, waiting for the decoder; {@link Entry#END} once it has failed. */
        Entry next() throws InterruptedException {
            Entry e = failure != null ? Entry.END : entries.take();
            return failure != null ? Entry.END : e;
        }

        /** Throws what stopped the decoder, if anything did. */
        void rethrow() {
            if (failure != null) {
                throw failure;
            }
        }

        /**
         * Stops the decoder and waits until its thread has ended: closes the session (which frees a decoder waiting to
         * submit), interrupts the thread (which frees it from a full entry queue) and drops the entries not written.
         * Keeps this thread's interrupt status.
         */
        void stop(Thread thread, OrderedSession session) {
            stopped = true;
            session.close();
            thread.interrupt();
            boolean interrupted = false;
            while (thread.isAlive()) {
                drop();
                try {
                    thread.join(50);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            drop();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        private void drop() {
            Entry e;
            while ((e = entries.poll()) != null) {
                if (e.audio() != null) {
                    e.audio().close();
                }
            }
        }
    }

    /**
     * The output side of {@link #annotate}, on the calling thread: takes the decoder's entries in input order, records
     * each audio frame where it came, and draws and encodes each video frame as its analysis comes out of the ordered
     * session; its image then goes back to the decoder for a later frame.
     */
    private static final class Writer {
        private final FFmpegFrameRecorder recorder;
        private final Path in;
        private final double fps;
        private final int total;
        private final FrameListener listener;
        private final BufferedImage output;
        private final Frame encoded;
        private final List<AnnotatedFace> draw = new ArrayList<>(4);
        int written;

        Writer(FFmpegFrameRecorder recorder, Path in, int outW, int outH, double fps, int total, FrameListener listener) {
            this.recorder = recorder;
            this.in = in;
            this.fps = fps;
            this.total = total;
            this.listener = listener;
            this.output = new BufferedImage(outW, outH, BufferedImage.TYPE_3BYTE_BGR);
            this.encoded = new Frame(outW, outH, Frame.DEPTH_UBYTE, 3);
        }

        /** Writes the decoder's entries until the end of the input (or until the decoder fails). */
        void writeAll(Decoder decoder, OrderedSession session) throws FrameRecorder.Exception, InterruptedException {
            Entry e;
            while (!(e = decoder.next()).end()) {
                if (e.audio() != null) {
                    try (Frame audio = e.audio()) {
                        recorder.record(audio);
                    }
                } else {
                    decoder.free.add(writeVideoFrame(session));
                }
            }
        }

        /** Draws and encodes the oldest video frame not written; returns its input image, free for reuse. */
        private BufferedImage writeVideoFrame(OrderedSession session) throws FrameRecorder.Exception,
                InterruptedException {
            LiveResult r;
            BufferedImage drawn;
            draw.clear();
            try {
                r = session.take();
                r.faces().forEach(t -> draw.add(t.face()));
                drawn = session.emojify().render(r.frame(), draw);
            } catch (RuntimeException e) {
                throw new VideoException("Cannot emojify frame " + written + " of " + in + ": "
                        + (e instanceof LiveException && e.getCause() != null ? e.getCause().getMessage()
                                : e.getMessage()), e);
            }
            toFrame(drawn, output, encoded);
            recorder.record(encoded, avutil.AV_PIX_FMT_BGR24);
            if (listener != null) {
                listener.onFrame(written, total, written / fps, r.faces());
            }
            written++;
            return r.frame();
        }
    }

    /** Chooses and configures the H.264 encoder; returns its name. */
    static String configureH264(FFmpegFrameRecorder recorder, int bitrate, int w, int h, double fps) {
        if (hasEncoder("libx264")) {
            recorder.setVideoCodecName("libx264");
            recorder.setVideoOption("crf", String.valueOf(X264_CRF));
            recorder.setVideoOption("preset", "medium");
            return "libx264";
        }
        recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
        recorder.setVideoBitrate(bitrate);
        if (hasEncoder("libopenh264")) {
            recorder.setVideoCodecName("libopenh264");
            recorder.setVideoOption("profile", "high");
            recorder.setVideoOption("rc_mode", "quality");
            return "libopenh264";
        }
        AVCodec c = avcodec.avcodec_find_encoder(avcodec.AV_CODEC_ID_H264);
        if (c == null || c.isNull()) {
            throw new VideoException("This FFmpeg build has no H.264 encoder");
        }
        return c.name().getString();
    }

    private static boolean hasEncoder(String name) {
        AVCodec c = avcodec.avcodec_find_encoder_by_name(name);
        return c != null && !c.isNull();
    }

    /**
     * The frame count the container states for the first video stream (MP4 and MOV give it exactly), or 0 where the
     * container does not state one (Matroska, AVI without an index).
     */
    private static long declaredVideoFrames(FFmpegFrameGrabber grabber) {
        AVFormatContext context = grabber.getFormatContext();
        for (int i = 0; i < context.nb_streams(); i++) {
            AVStream stream = context.streams(i);
            if (stream.codecpar().codec_type() == avutil.AVMEDIA_TYPE_VIDEO) {
                return Math.max(0, stream.nb_frames());
            }
        }
        return 0;
    }

    /**
     * The bit rate for a rate-controlled encoder: the input's video bit rate (from the stream, else the file size over its
     * duration), within {@link #MIN_BITS_PER_PIXEL} and {@link #MAX_BITS_PER_PIXEL} bits per pixel.
     */
    static int videoBitrate(FFmpegFrameGrabber grabber, Path in, int w, int h, double fps) {
        double pixelsPerSecond = (double) w * h * fps;
        double rate = grabber.getVideoBitrate();
        if (rate <= 0) {
            long micros = grabber.getLengthInTime();
            try {
                if (micros > 0) {
                    rate = Files.size(in) * 8.0 / (micros / 1e6) - Math.max(0, grabber.getAudioBitrate());
                }
            } catch (IOException e) {
                rate = 0;
            }
        }
        if (!(rate > 0)) {
            rate = 0.15 * pixelsPerSecond;
        }
        rate = Math.max(MIN_BITS_PER_PIXEL * pixelsPerSecond, Math.min(MAX_BITS_PER_PIXEL * pixelsPerSecond, rate));
        return (int) Math.min(Integer.MAX_VALUE, Math.round(rate));
    }

    /** Copies a decoded BGR24 frame into a TYPE_3BYTE_BGR image of its size, row by row (the frame's rows are padded). */
    static void toImage(Frame frame, BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        if (frame.imageWidth != w || frame.imageHeight != h || frame.imageDepth != Frame.DEPTH_UBYTE) {
            throw new VideoException("The decoder gave a " + frame.imageWidth + "x" + frame.imageHeight
                    + " frame of depth " + frame.imageDepth + " in a " + w + "x" + h + " BGR24 video");
        }
        byte[] dst = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        ByteBuffer src = ((ByteBuffer) frame.image[0]).duplicate();
        int row = w * 3;
        for (int y = 0; y < h; y++) {
            src.position(y * frame.imageStride);
            src.get(dst, y * row, row);
        }
    }

    /**
     * Draws an image (of any type) into the BGR24 buffer {@code output} (which may be one column and row larger: the last
     * ones are repeated) and copies it into {@code frame}, row by row.
     */
    static void toFrame(BufferedImage image, BufferedImage output, Frame frame) {
        int w = image.getWidth();
        int h = image.getHeight();
        int outW = output.getWidth();
        int outH = output.getHeight();
        Graphics2D g = output.createGraphics();
        try {
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        byte[] px = ((DataBufferByte) output.getRaster().getDataBuffer()).getData();
        int row = outW * 3;
        if (outW > w) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(px, y * row + (w - 1) * 3, px, y * row + w * 3, (outW - w) * 3);
            }
        }
        for (int y = h; y < outH; y++) {
            System.arraycopy(px, (h - 1) * row, px, y * row, row);
        }
        ByteBuffer dst = (ByteBuffer) frame.image[0];
        for (int y = 0; y < outH; y++) {
            dst.position(y * frame.imageStride);
            dst.put(px, y * row, row);
        }
        dst.position(0);
    }
}
