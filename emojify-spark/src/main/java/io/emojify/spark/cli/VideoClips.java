package io.emojify.spark.cli;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Writes short clips for measurements and tests with JavaCV's recorder (no {@code ffmpeg} program needed): a photo that
 * drifts slowly across a drawn gradient (or the gradient alone, a clip without a face), optionally with a 440 Hz tone.
 */
public final class VideoClips {

    /** The audio sample rate of clips with a tone. */
    public static final int SAMPLE_RATE = 44_100;

    private VideoClips() {}

    /**
     * Writes a clip.
     *
     * @param out the file
     * @param format FFmpeg's container name ({@code mp4}, {@code avi}, {@code matroska})
     * @param codec FFmpeg's codec id ({@code avcodec.AV_CODEC_ID_H264}, {@code AV_CODEC_ID_MPEG4}, ...)
     * @param width the width (even)
     * @param height the height (even)
     * @param frames how many frames
     * @param fps the frame rate
     * @param audio whether to add a mono 440 Hz tone (AAC)
     * @param photo drawn at 80% of the height, drifting, in every frame; null for a clip without a face
     * @throws IOException if FFmpeg cannot write it
     */
    public static void write(Path out, String format, int codec, int width, int height, int frames, double fps,
            boolean audio, BufferedImage photo) throws IOException {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(out.toFile(), width, height, audio ? 1 : 0)) {
            r.setFormat(format);
            r.setFrameRate(fps);
            r.setVideoCodec(codec);
            r.setVideoBitrate(width * height * 4);
            r.setGopSize((int) Math.max(1, Math.round(2 * fps)));
            if ("mp4".equals(format)) {
                r.setOption("movflags", "+faststart"); // the frame count at the front: a cut file is seen as cut
            }
            if (audio) {
                r.setSampleRate(SAMPLE_RATE);
                r.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
                r.setAudioBitrate(96_000);
            }
            r.start();
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
            Java2DFrameConverter converter = new Java2DFrameConverter();
            int samplesPerFrame = (int) Math.round(SAMPLE_RATE / fps);
            short[] tone = new short[samplesPerFrame];
            for (int f = 0; f < frames; f++) {
                draw(image, f, frames, photo);
                r.record(converter.getFrame(image), avutil.AV_PIX_FMT_BGR24);
                if (audio) {
                    for (int i = 0; i < tone.length; i++) {
                        tone[i] = (short) (6000 * Math.sin(2 * Math.PI * 440 * ((long) f * tone.length + i)
                                / SAMPLE_RATE));
                    }
                    r.recordSamples(SAMPLE_RATE, 1, ShortBuffer.wrap(tone));
                }
            }
            r.stop();
        } catch (FrameRecorder.Exception e) {
            throw new IOException("Cannot write " + out + ": " + e.getMessage(), e);
        }
    }

    private static void draw(BufferedImage image, int f, int frames, BufferedImage photo) {
        int w = image.getWidth();
        int h = image.getHeight();
        Graphics2D g = image.createGraphics();
        try {
            g.setPaint(new GradientPaint(0, 0, new Color(40, 70, 120), w, h, new Color(200, 170, 90)));
            g.fillRect(0, 0, w, h);
            if (photo != null) {
                int ph = h * 4 / 5;
                int pw = Math.min(w * 4 / 5, Math.max(1, photo.getWidth() * ph / photo.getHeight()));
                double t = frames > 1 ? (double) f / (frames - 1) : 0;
                int x = (int) Math.round((w - pw) * (0.35 + 0.3 * t));
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.drawImage(photo, x, (h - ph) / 2, pw, ph, null);
            }
        } finally {
            g.dispose();
        }
    }
}
