package io.emojify.video;

import io.emojify.AnnotatedFace;
import io.emojify.Emojify;
import io.emojify.track.FaceTracker;
import io.emojify.track.TrackedFace;
import io.emojify.track.TrackerSettings;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FFmpegLogCallback;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * Emojifies a video file: decodes it with FFmpeg, runs each frame through an {@link Emojify} instance and a
 * {@link FaceTracker} (so that a face keeps its emoji from frame to frame), and encodes the drawn frames at the same size
 * and frame rate (MPEG-4 video), copying the audio (as AAC). The engine of the {@code emojify video} command and of the video
 * benchmark.
 *
 * <p>Not thread-safe: use one instance per video. The {@code Emojify} instance it is given is not closed.
 */
public final class VideoAnnotator {

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
     * @param width the frame width
     * @param height the frame height
     * @param fps the frame rate
     */
    public record Result(int frames, int width, int height, double fps) {}

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
     * @param format the container format name for FFmpeg ({@code mp4}, {@code matroska}, {@code avi}, ...)
     * @param listener receives every frame's faces, or {@code null}
     * @return the frame count, size and rate written; zero frames if the input has none
     * @throws VideoException if the input cannot be read, has no video stream, or the output cannot be written
     */
    public Result annotate(Path in, Path out, String format, FrameListener listener) {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        FFmpegLogCallback.set();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(in.toFile())) {
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
            double fps = grabber.getVideoFrameRate() > 0 ? grabber.getVideoFrameRate() : 25;
            int total = Math.max(0, grabber.getLengthInVideoFrames());
            int frames = 0;
            try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(out.toFile(), w, h, grabber.getAudioChannels());
                    Java2DFrameConverter toImage = new Java2DFrameConverter();
                    Java2DFrameConverter toFrame = new Java2DFrameConverter()) {
                recorder.setFormat(format);
                recorder.setFrameRate(fps);
                recorder.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
                recorder.setVideoQuality(2);
                recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
                if (grabber.getAudioChannels() > 0) {
                    recorder.setSampleRate(grabber.getSampleRate());
                    recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
                    recorder.setAudioBitrate(128_000);
                }
                recorder.start();
                FaceTracker tracker = new FaceTracker(trackerSettings, emojify.emojiMapper());
                Frame frame;
                while ((frame = grabber.grab()) != null) {
                    if (frame.image != null) {
                        BufferedImage image = toImage.convert(frame);
                        List<TrackedFace> tracked = tracker.update(emojify.analyze(image));
                        List<AnnotatedFace> draw = new ArrayList<>(tracked.size());
                        tracked.forEach(t -> draw.add(t.face()));
                        recorder.record(toFrame.convert(emojify.render(image, draw)));
                        if (listener != null) {
                            listener.onFrame(frames, total, frames / fps, tracked);
                        }
                        frames++;
                    } else if (frame.samples != null) {
                        recorder.record(frame);
                    }
                }
                recorder.stop();
            } catch (FrameRecorder.Exception e) {
                throw new VideoException("Cannot write " + out + ": " + e.getMessage(), e);
            }
            return new Result(frames, w, h, fps);
        } catch (FrameGrabber.Exception e) {
            throw new VideoException("Cannot read " + in + ": " + e.getMessage(), e);
        }
    }
}
