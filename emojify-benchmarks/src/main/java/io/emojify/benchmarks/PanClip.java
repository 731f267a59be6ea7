package io.emojify.benchmarks;

import io.emojify.image.ImageDecoder;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * Writes the video the video measurements run on: 640x480, 30 frames per second, 20 seconds (600 frames) of H.264
 * (OpenH264, 2.5 Mbit/s) in MP4 with a mono 440 Hz AAC tone, a slow pan and zoom over the shared photo of four people
 * ({@code data/faces/photos/2.jpg}). The photo is letterboxed into a 4:3 canvas; the view is 100% to 85% of the canvas
 * wide, sweeping to the right and back once, so all four faces stay in view and keep changing size and place. The same
 * arguments give the same frames.
 *
 * <pre>java -Demojify.shared=../shared -cp emojify-benchmarks/target/benchmarks.jar io.emojify.benchmarks.PanClip
 *     [out=pan.mp4] [seconds=20]</pre>
 */
public final class PanClip {

    /** The clip's width. */
    static final int W = 640;
    /** The clip's height. */
    static final int H = 480;
    /** The clip's frame rate. */
    static final int FPS = 30;
    private static final int SAMPLE_RATE = 44_100;

    private PanClip() {}

    /**
     * Writes the clip.
     *
     * @param args the output file and the length in seconds, each optional
     * @throws Exception if the photo cannot be read or FFmpeg fails
     */
    public static void main(String[] args) throws Exception {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR); // FFmpeg's stream listings would drown the figures
        Path out = Path.of(args.length > 0 ? args[0] : "pan.mp4");
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        if (seconds < 1) {
            throw new IllegalArgumentException("seconds must be 1 or more, was " + seconds);
        }
        if (Files.exists(out)) {
            throw new IllegalArgumentException(out + " exists; remove it or name another file");
        }
        Path photo = BenchmarkImages.shared().resolve("data/faces/photos/2.jpg");
        int frames = write(photo, out, seconds * FPS);
        System.out.printf(Locale.ROOT, "Wrote %s: %d frames, %dx%d, %d fps, H.264 + AAC, %,d bytes%n", out, frames, W, H,
                FPS, Files.size(out));
    }

    /**
     * Writes {@code frames} frames of the pan over the photo.
     *
     * @param photo the photo of four people
     * @param out the MP4 file
     * @param frames the frame count
     * @return the frames written
     * @throws Exception if FFmpeg fails
     */
    static int write(Path photo, Path out, int frames) throws Exception {
        BufferedImage canvas = letterboxed(new ImageDecoder().read(photo));
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(out.toFile(), W, H, 1);
                Java2DFrameConverter conv = new Java2DFrameConverter()) {
            r.setFormat("mp4");
            r.setFrameRate(FPS);
            r.setGopSize(2 * FPS);
            r.setVideoCodec(avcodec.AV_CODEC_ID_H264);
            r.setVideoBitrate(2_500_000);
            r.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            r.setSampleRate(SAMPLE_RATE);
            r.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            r.setAudioBitrate(96_000);
            r.start();
            BufferedImage frame = new BufferedImage(W, H, BufferedImage.TYPE_3BYTE_BGR);
            short[] tone = new short[SAMPLE_RATE / FPS];
            for (int f = 0; f < frames; f++) {
                draw(canvas, frame, f / (double) frames);
                Frame converted = conv.convert(frame);
                r.record(converted, avutil.AV_PIX_FMT_BGR24);
                for (int i = 0; i < tone.length; i++) {
                    tone[i] = (short) (6000 * Math.sin(2 * Math.PI * 440 * ((long) f * tone.length + i) / SAMPLE_RATE));
                }
                r.recordSamples(SAMPLE_RATE, 1, ShortBuffer.wrap(tone));
            }
            r.stop();
        }
        return frames;
    }

    /** The photo centred on a black 4:3 canvas as wide as the photo (1024x768 for the 1024x484 photo). */
    private static BufferedImage letterboxed(BufferedImage photo) {
        int cw = Math.max(photo.getWidth(), photo.getHeight() * W / H);
        int ch = cw * H / W;
        BufferedImage canvas = new BufferedImage(cw, ch, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = canvas.createGraphics();
        g.drawImage(photo, (cw - photo.getWidth()) / 2, (ch - photo.getHeight()) / 2, null);
        g.dispose();
        return canvas;
    }

    /** Draws the view at {@code phase} (0 to 1 over the clip) of the canvas into the frame. */
    private static void draw(BufferedImage canvas, BufferedImage frame, double phase) {
        double sweep = 0.5 - 0.5 * Math.cos(2 * Math.PI * phase); // 0 -> 1 -> 0
        double zoom = 1.0 - 0.15 * (0.5 - 0.5 * Math.cos(4 * Math.PI * phase));
        double vw = canvas.getWidth() * zoom;
        double vh = vw * H / W;
        double x = (canvas.getWidth() - vw) * sweep;
        double y = (canvas.getHeight() - vh) / 2;
        Graphics2D g = frame.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(canvas, 0, 0, W, H, (int) Math.round(x), (int) Math.round(y), (int) Math.round(x + vw),
                (int) Math.round(y + vh), null);
        g.dispose();
    }
}
