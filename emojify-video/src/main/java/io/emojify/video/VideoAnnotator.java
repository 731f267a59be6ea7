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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
 * {@link OrderedSession} (which tracks the faces, so that a face keeps its emoji from frame to frame, and analyses the
 * next frames while the earlier ones are drawn and encoded), and encodes the drawn frames, in order, as H.264 at the same
 * size and frame rate, with the audio kept (re-encoded as AAC). The engine of the {@code emojify video} command and of
 * the video benchmark.
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
                Writer writer = new Writer(recorder, in, w, h, outW, outH, fps, total, listener);
                try (OrderedSession session = OrderedSession.of(emojify,
                        LiveOptions.builder().optTrackerSettings(trackerSettings).build())) {
                    Frame frame;
                    while ((frame = grabber.grab()) != null) {
                        if (frame.image != null) {
                            BufferedImage input = writer.freeImage();
                            toImage(frame, input);
                            if (session.pending() == session.maxPending()) {
                                writer.writeNextVideoFrame(session);
                            }
                            session.submit(input, Math.round(writer.submitted * 1e9 / fps));
                            writer.submitted();
                        } else if (frame.samples != null && audioChannels > 0) {
                            writer.audio(frame);
                        }
                    }
                    writer.finish(session);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new VideoException("Interrupted while emojifying " + in, e);
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
     * The output side of {@link #annotate}: video frames are drawn and encoded in the order they were read, as their
     * analyses come out of the ordered session, and each audio frame is recorded where it came in the input (held, as a
     * copy, behind the video frames read before it that are still being analysed). Drawn-from images are reused.
     */
    private static final class Writer {
        private final FFmpegFrameRecorder recorder;
        private final Path in;
        private final int w;
        private final int h;
        private final double fps;
        private final int total;
        private final FrameListener listener;
        private final BufferedImage output;
        private final Frame encoded;
        /** Video frames (null) and audio frames (copies), in input order, not yet written. */
        private final Deque<Optional<Frame>> queue = new ArrayDeque<>();
        private final Deque<BufferedImage> free = new ArrayDeque<>();
        int submitted;
        int written;

        Writer(FFmpegFrameRecorder recorder, Path in, int w, int h, int outW, int outH, double fps, int total,
                FrameListener listener) {
            this.recorder = recorder;
            this.in = in;
            this.w = w;
            this.h = h;
            this.fps = fps;
            this.total = total;
            this.listener = listener;
            this.output = new BufferedImage(outW, outH, BufferedImage.TYPE_3BYTE_BGR);
            this.encoded = new Frame(outW, outH, Frame.DEPTH_UBYTE, 3);
        }

        BufferedImage freeImage() {
            BufferedImage image = free.poll();
            return image != null ? image : new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        }

        void submitted() {
            submitted++;
            queue.addLast(Optional.empty());
        }

        void audio(Frame frame) throws FrameRecorder.Exception {
            if (queue.isEmpty()) {
                recorder.record(frame);
            } else {
                queue.addLast(Optional.of(frame.clone()));
            }
        }

        /** Records the held audio up to the oldest video frame not written, then draws and encodes that frame. */
        void writeNextVideoFrame(OrderedSession session) throws FrameRecorder.Exception, InterruptedException {
            Optional<Frame> next;
            while ((next = queue.pollFirst()) != null && next.isPresent()) {
                try (Frame audio = next.get()) {
                    recorder.record(audio);
                }
            }
            if (next == null) {
                return;
            }
            LiveResult r;
            BufferedImage drawn;
            List<AnnotatedFace> draw = new ArrayList<>(4);
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
            free.add(r.frame());
            if (listener != null) {
                listener.onFrame(written, total, written / fps, r.faces());
            }
            written++;
        }

        /** Writes everything still held. */
        void finish(OrderedSession session) throws FrameRecorder.Exception, InterruptedException {
            while (!queue.isEmpty()) {
                writeNextVideoFrame(session);
            }
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
     * The bit rate for a rate-controlled encoder: the input's video bit rate (from the stream, else the file size over its
     * duration), within {@link #MIN_BITS_PER_PIXEL} and {@link #MAX_BITS_PER_PIXEL} bits per pixel.
     */
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
