package io.emojify.benchmarks;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * H.264 encoders and presets on the same frames: decodes the first frames of a clip (600 by default: the whole
 * {@link PanClip}) into memory, then encodes them with each setting and prints the encoding speed (frames per second,
 * BGR frames in to MP4 file out, as {@code emojify video} hands them over), the file size and bit rate, and the PSNR of the
 * decoded result against the source frames (over the 8-bit R, G and B values, and over luma Y = 0.299 R + 0.587 G +
 * 0.114 B; pooled over all frames, and the worst frame).
 *
 * <p>The settings: OpenH264 as {@code io.emojify.video.VideoAnnotator} configures it (High profile, quality rate control,
 * the input's bit rate kept within 0.08-0.3 bits per pixel, a key frame every two seconds), which JavaCV's default FFmpeg
 * build has; and libx264 at CRF 21 (VideoAnnotator's) with the presets ultrafast, veryfast and medium, which only
 * JavaCV's GPL build ({@code org.bytedeco:ffmpeg:<version>:linux-x86_64-gpl}) has. Put that jar first on the class path
 * and name its platform extension to measure libx264 (see docs/PERFORMANCE.md); the project does not ship it.
 *
 * <pre>java -Demojify.shared=../shared -cp emojify-benchmarks/target/benchmarks.jar io.emojify.benchmarks.EncoderPresetRun
 *     pan.mp4 [frames=600] [threads=0]</pre>
 *
 * <p>{@code threads} is the encoders' thread count (0: each encoder's own default).
 */
public final class EncoderPresetRun {

    /** libx264's constant rate factor, VideoAnnotator's. */
    private static final int X264_CRF = 21;
    private static final double MIN_BITS_PER_PIXEL = 0.08;
    private static final double MAX_BITS_PER_PIXEL = 0.3;

    private EncoderPresetRun() {}

    /** One encoder setting. */
    private record Setting(String name, String codec, String preset) {}

    /** The decoded source: packed BGR24 rows per frame. */
    private record Source(List<byte[]> frames, int width, int height, double fps, int bitrate) {}

    /**
     * Runs the comparison.
     *
     * @param args the clip, the frame count and the encoder threads, the last two optional
     * @throws Exception if the clip cannot be read or an encoder fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: EncoderPresetRun CLIP [frames=600] [threads=0]  "
                    + "(write the clip with PanClip)");
        }
        avutil.av_log_set_level(avutil.AV_LOG_ERROR); // FFmpeg's stream listings would drown the figures
        Path clip = Path.of(args[0]);
        if (!Files.isRegularFile(clip)) {
            throw new IllegalArgumentException(clip + ": no such file (write it with PanClip)");
        }
        int limit = args.length > 1 ? Integer.parseInt(args[1]) : 600;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        Source src = decode(clip, limit);
        System.out.printf(Locale.ROOT, "%d frames of %s, %dx%d at %.2f fps, decoded into memory; encoder threads: %s%n",
                src.frames().size(), clip, src.width(), src.height(), src.fps(), threads == 0 ? "default" : threads);

        List<Setting> settings = new ArrayList<>();
        settings.add(new Setting("OpenH264, as emojify video", "libopenh264", null));
        boolean x264 = hasEncoder("libx264");
        if (x264) {
            for (String preset : new String[] {"ultrafast", "veryfast", "medium"}) {
                settings.add(new Setting("libx264 CRF " + X264_CRF + " " + preset, "libx264", preset));
            }
        }
        System.out.println("setting                          encode-fps   bytes       kbit/s   PSNR-RGB  PSNR-Y  "
                + "worst-frame-PSNR-Y");
        Path dir = Files.createTempDirectory("emojify-encoders");
        try {
            for (Setting s : settings) {
                Path out = dir.resolve(s.codec() + (s.preset() == null ? "" : "-" + s.preset()) + ".mp4");
                double seconds = encode(src, s, threads, out);
                double[] psnr = psnr(src, out);
                long bytes = Files.size(out);
                System.out.printf(Locale.ROOT, "%-32s %10.1f  %,11d  %7.0f  %8.2f  %6.2f  %6.2f%n", s.name(),
                        src.frames().size() / seconds, bytes, bytes * 8 / 1000.0 / (src.frames().size() / src.fps()),
                        psnr[0], psnr[1], psnr[2]);
                Files.delete(out);
            }
        } finally {
            Files.deleteIfExists(dir);
        }
        if (!x264) {
            System.out.println("libx264: not in this FFmpeg build (JavaCV's default build is LGPL and has OpenH264 only); "
                    + "put ffmpeg-<version>-linux-x86_64-gpl.jar first on the class path with "
                    + "-Dorg.bytedeco.javacpp.platform.extension=-gpl to measure it");
        }
    }

    private static boolean hasEncoder(String name) {
        AVCodec c = avcodec.avcodec_find_encoder_by_name(name);
        return c != null && !c.isNull();
    }

    private static Source decode(Path clip, int limit) throws Exception {
        List<byte[]> frames = new ArrayList<>();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(clip.toFile())) {
            g.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
            g.start();
            int w = g.getImageWidth();
            int h = g.getImageHeight();
            double fps = g.getVideoFrameRate() > 0 ? g.getVideoFrameRate() : 25;
            Frame f;
            while (frames.size() < limit && (f = g.grabImage()) != null) {
                frames.add(packed(f, w, h));
            }
            double pixelsPerSecond = (double) w * h * fps;
            double rate = g.getVideoBitrate() > 0 ? g.getVideoBitrate() : 0.15 * pixelsPerSecond;
            rate = Math.max(MIN_BITS_PER_PIXEL * pixelsPerSecond, Math.min(MAX_BITS_PER_PIXEL * pixelsPerSecond, rate));
            return new Source(frames, w, h, fps, (int) Math.round(rate));
        }
    }

    /** A decoded BGR24 frame's rows without their padding. */
    private static byte[] packed(Frame f, int w, int h) {
        if (f.imageWidth != w || f.imageHeight != h) {
            throw new IllegalStateException("a " + f.imageWidth + "x" + f.imageHeight + " frame in a " + w + "x" + h
                    + " video");
        }
        byte[] px = new byte[w * h * 3];
        ByteBuffer b = ((ByteBuffer) f.image[0]).duplicate();
        for (int y = 0; y < h; y++) {
            b.position(y * f.imageStride);
            b.get(px, y * w * 3, w * 3);
        }
        return px;
    }

    /** Encodes all source frames with a setting; returns the seconds from the first frame handed over to the file closed. */
    private static double encode(Source src, Setting s, int threads, Path out) throws Exception {
        int w = src.width();
        int h = src.height();
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(out.toFile(), w, h, 0)) {
            r.setFormat("mp4");
            r.setFrameRate(src.fps());
            r.setGopSize((int) Math.max(1, Math.round(2 * src.fps())));
            r.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            r.setVideoCodecName(s.codec());
            if (s.preset() != null) {
                r.setVideoOption("crf", String.valueOf(X264_CRF));
                r.setVideoOption("preset", s.preset());
            } else {
                r.setVideoCodec(avcodec.AV_CODEC_ID_H264);
                r.setVideoCodecName(s.codec());
                r.setVideoBitrate(src.bitrate());
                r.setVideoOption("profile", "high");
                r.setVideoOption("rc_mode", "quality");
            }
            if (threads > 0) {
                r.setVideoOption("threads", String.valueOf(threads));
            }
            r.setOption("movflags", "+faststart");
            r.start();
            Frame frame = new Frame(w, h, Frame.DEPTH_UBYTE, 3);
            ByteBuffer dst = (ByteBuffer) frame.image[0];
            long t0 = System.nanoTime();
            for (byte[] px : src.frames()) {
                for (int y = 0; y < h; y++) {
                    dst.position(y * frame.imageStride);
                    dst.put(px, y * w * 3, w * 3);
                }
                dst.position(0);
                r.record(frame, avutil.AV_PIX_FMT_BGR24);
            }
            r.stop();
            return (System.nanoTime() - t0) / 1e9;
        }
    }

    /** {PSNR over R, G, B; PSNR over Y; the worst frame's PSNR over Y}, pooled over all frames, in dB. */
    private static double[] psnr(Source src, Path encoded) throws Exception {
        double sqRgb = 0;
        double sqY = 0;
        double worstY = Double.MAX_VALUE;
        int n = 0;
        int w = src.width();
        int h = src.height();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(encoded.toFile())) {
            g.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
            g.start();
            Frame f;
            while (n < src.frames().size() && (f = g.grabImage()) != null) {
                byte[] a = src.frames().get(n);
                byte[] b = packed(f, w, h);
                double frameRgb = 0;
                double frameY = 0;
                for (int i = 0; i < a.length; i += 3) {
                    int db = (a[i] & 255) - (b[i] & 255);
                    int dg = (a[i + 1] & 255) - (b[i + 1] & 255);
                    int dr = (a[i + 2] & 255) - (b[i + 2] & 255);
                    frameRgb += db * db + dg * dg + dr * dr;
                    double dy = 0.299 * dr + 0.587 * dg + 0.114 * db;
                    frameY += dy * dy;
                }
                sqRgb += frameRgb;
                sqY += frameY;
                worstY = Math.min(worstY, db(frameY / (w * h)));
                n++;
            }
        }
        if (n != src.frames().size()) {
            throw new IllegalStateException(encoded + " holds " + n + " frames, " + src.frames().size() + " were encoded");
        }
        return new double[] {db(sqRgb / (3.0 * w * h * n)), db(sqY / ((double) w * h * n)), worstY};
    }

    private static double db(double mse) {
        return mse == 0 ? 99 : 10 * Math.log10(255.0 * 255.0 / mse);
    }
}
