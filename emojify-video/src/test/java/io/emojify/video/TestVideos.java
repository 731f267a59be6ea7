package io.emojify.video;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * Test videos made from Java (no ffmpeg program needed): four flat colour quadrants (white, red, yellow, blue) with a small
 * moving square in the middle, optionally a 440 Hz tone; and decoding helpers that copy FFmpeg's BGR24 rows themselves
 * (no Java2DFrameConverter, which guesses channels from the row stride).
 */
public final class TestVideos {

    /** The quadrant colours, top left, top right, bottom left, bottom right. */
    public static final List<Color> COLOURS = List.of(Color.WHITE, Color.RED, Color.YELLOW, Color.BLUE);

    /** Tone frequency. */
    public static final double TONE_HZ = 440;

    /** Audio sample rate of the test videos. */
    public static final int SAMPLE_RATE = 44_100;

    private TestVideos() {}

    /**
     * Draws frame {@code f}: the quadrants and a grey square moving along the middle, or {@code middle} drawn in the centre.
     *
     * @param w width
     * @param h height
     * @param f frame index
     * @param middle an image drawn centred (a face), or {@code null}
     * @return the frame, TYPE_3BYTE_BGR
     */
    public static BufferedImage frame(int w, int h, int f, BufferedImage middle) {
        BufferedImage im = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = im.createGraphics();
        int hw = w / 2;
        int hh = h / 2;
        g.setColor(COLOURS.get(0));
        g.fillRect(0, 0, hw, hh);
        g.setColor(COLOURS.get(1));
        g.fillRect(hw, 0, w - hw, hh);
        g.setColor(COLOURS.get(2));
        g.fillRect(0, hh, hw, h - hh);
        g.setColor(COLOURS.get(3));
        g.fillRect(hw, hh, w - hw, h - hh);
        if (middle != null) {
            g.drawImage(middle, (w - middle.getWidth()) / 2, (h - middle.getHeight()) / 2, null);
        } else {
            int s = Math.max(2, Math.min(w, h) / 8);
            g.setColor(Color.GRAY);
            g.fillRect(w / 4 + (f * 3) % Math.max(1, w / 2 - s), (h - s) / 2, s, s);
        }
        g.dispose();
        return im;
    }

    /**
     * Records a test video with JavaCV's recorder.
     *
     * @param out the file
     * @param format FFmpeg container name
     * @param codec FFmpeg codec id
     * @param w width (even: the recorder rounds odd sizes up)
     * @param h height
     * @param frames frame count
     * @param fps frame rate
     * @param audio whether to add a mono 440 Hz tone
     * @param middle drawn in the centre of every frame, or {@code null}
     * @throws Exception if FFmpeg fails
     */
    public static void record(Path out, String format, int codec, int w, int h, int frames, double fps, boolean audio,
            BufferedImage middle) throws Exception {
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(out.toFile(), w, h, audio ? 1 : 0)) {
            r.setFormat(format);
            r.setFrameRate(fps);
            r.setVideoCodec(codec);
            r.setVideoBitrate(4_000_000);
            if (audio) {
                r.setSampleRate(SAMPLE_RATE);
                r.setAudioCodec(org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC);
                r.setAudioBitrate(128_000);
            }
            r.start();
            Frame frame = new Frame(w, h, Frame.DEPTH_UBYTE, 3);
            int samplesPerFrame = (int) Math.round(SAMPLE_RATE / fps);
            for (int f = 0; f < frames; f++) {
                toFrame(frame(w, h, f, middle), frame);
                r.record(frame, avutil.AV_PIX_FMT_BGR24);
                if (audio) {
                    short[] tone = new short[samplesPerFrame];
                    for (int i = 0; i < tone.length; i++) {
                        tone[i] = (short) (8000 * Math.sin(2 * Math.PI * TONE_HZ * ((long) f * tone.length + i)
                                / SAMPLE_RATE));
                    }
                    r.recordSamples(SAMPLE_RATE, 1, ShortBuffer.wrap(tone));
                }
            }
            r.stop();
        }
    }

    /**
     * Writes a YUV4MPEG2 video (4:4:4, BT.601 limited range) in plain Java: the one way here to make a video of odd width
     * and height, which JavaCV's recorder rounds up.
     *
     * @param out the file ({@code .y4m})
     * @param w width
     * @param h height
     * @param frames frame count
     * @param fps whole frames per second
     * @throws IOException if writing fails
     */
    public static void writeY4m(Path out, int w, int h, int frames, int fps) throws IOException {
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out))) {
            os.write(("YUV4MPEG2 W" + w + " H" + h + " F" + fps + ":1 Ip A1:1 C444\n").getBytes(StandardCharsets.US_ASCII));
            byte[] y = new byte[w * h];
            byte[] u = new byte[w * h];
            byte[] v = new byte[w * h];
            for (int f = 0; f < frames; f++) {
                BufferedImage im = frame(w, h, f, null);
                for (int j = 0; j < h; j++) {
                    for (int i = 0; i < w; i++) {
                        int rgb = im.getRGB(i, j);
                        double r = rgb >> 16 & 255;
                        double g = rgb >> 8 & 255;
                        double b = rgb & 255;
                        int k = j * w + i;
                        y[k] = (byte) Math.round(16 + (65.481 * r + 128.553 * g + 24.966 * b) / 255);
                        u[k] = (byte) Math.round(128 + (-37.797 * r - 74.203 * g + 112.0 * b) / 255);
                        v[k] = (byte) Math.round(128 + (112.0 * r - 93.786 * g - 18.214 * b) / 255);
                    }
                }
                os.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
                os.write(y);
                os.write(u);
                os.write(v);
            }
        }
    }

    /**
     * Copies a BGR24 image into a frame of the same size, row by row.
     *
     * @param image TYPE_3BYTE_BGR
     * @param frame a 3-channel byte frame
     */
    public static void toFrame(BufferedImage image, Frame frame) {
        byte[] px = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        ByteBuffer dst = (ByteBuffer) frame.image[0];
        int row = image.getWidth() * 3;
        for (int y = 0; y < image.getHeight(); y++) {
            dst.position(y * frame.imageStride);
            dst.put(px, y * row, row);
        }
        dst.position(0);
    }

    /** What a video file holds. */
    public record Info(String format, String videoCodec, int width, int height, double fps, int audioChannels,
            String audioCodec, int frames, List<BufferedImage> images, double audioRms, double audioZeroCrossingsHz) {}

    /**
     * Decodes a whole video: stream properties, the frames at the given indices (as TYPE_3BYTE_BGR), the audio's RMS and
     * zero-crossing rate.
     *
     * @param file the video
     * @param keep indices of frames to keep
     * @return what it holds
     * @throws Exception if FFmpeg fails
     */
    public static Info read(Path file, int... keep) throws Exception {
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
            g.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
            g.setSampleFormat(avutil.AV_SAMPLE_FMT_FLT);
            g.start();
            List<BufferedImage> images = new ArrayList<>();
            int frames = 0;
            double sumSq = 0;
            long samples = 0;
            long crossings = 0;
            float prev = 0;
            Frame f;
            while ((f = g.grab()) != null) {
                if (f.image != null) {
                    for (int k : keep) {
                        if (k == frames) {
                            BufferedImage im = new BufferedImage(f.imageWidth, f.imageHeight,
                                    BufferedImage.TYPE_3BYTE_BGR);
                            VideoAnnotator.toImage(f, im);
                            images.add(im);
                        }
                    }
                    frames++;
                } else if (f.samples != null) {
                    java.nio.FloatBuffer fb = ((java.nio.FloatBuffer) f.samples[0]).duplicate();
                    int channels = Math.max(1, f.audioChannels);
                    for (int i = 0; i + channels <= fb.limit(); i += channels) {
                        float s = fb.get(i);
                        sumSq += s * (double) s;
                        if (Math.abs(s) > 0.02) { // hysteresis: coding noise around zero is not a crossing
                            if (prev != 0 && (s > 0) != (prev > 0)) {
                                crossings++;
                            }
                            prev = s;
                        }
                        samples++;
                    }
                }
            }
            int rate = g.getSampleRate() > 0 ? g.getSampleRate() : 1;
            return new Info(g.getFormat(), g.getVideoCodecName(), g.getImageWidth(), g.getImageHeight(),
                    g.getVideoFrameRate(), g.getAudioChannels(), g.getAudioCodecName(), frames, images,
                    samples > 0 ? Math.sqrt(sumSq / samples) : 0, samples > 0 ? crossings * (double) rate / samples : 0);
        }
    }

    /**
     * The major brand of an ISO base media file ({@code isom}, {@code mp42}; {@code qt  } for QuickTime), or {@code null}
     * if the file does not start with an {@code ftyp} box.
     *
     * @param file the file
     * @return the brand
     * @throws IOException if reading fails
     */
    public static String mp4Brand(Path file) throws IOException {
        byte[] head = new byte[12];
        try (InputStream is = Files.newInputStream(file)) {
            if (is.readNBytes(head, 0, 12) < 12) {
                return null;
            }
        }
        if (!new String(head, 4, 4, StandardCharsets.US_ASCII).equals("ftyp")) {
            return null;
        }
        return new String(head, 8, 4, StandardCharsets.US_ASCII);
    }

    /**
     * The mean red, green and blue of a region.
     *
     * @param im the image
     * @param r the region
     * @return {r, g, b}
     */
    public static double[] mean(BufferedImage im, Rectangle r) {
        double[] m = new double[3];
        for (int y = r.y; y < r.y + r.height; y++) {
            for (int x = r.x; x < r.x + r.width; x++) {
                int rgb = im.getRGB(x, y);
                m[0] += rgb >> 16 & 255;
                m[1] += rgb >> 8 & 255;
                m[2] += rgb & 255;
            }
        }
        int n = r.width * r.height;
        for (int i = 0; i < 3; i++) {
            m[i] /= n;
        }
        return m;
    }

    /**
     * The inner part of quadrant {@code q} (0 top left, 1 top right, 2 bottom left, 3 bottom right) of a frame of the input
     * size: away from edges, from the middle of the frame (where the face or moving square is) and from block boundaries
     * where 4:2:0 chroma blurs.
     *
     * @param w the input width
     * @param h the input height
     * @param q the quadrant
     * @return the region
     */
    public static Rectangle quadrant(int w, int h, int q) {
        int qw = w / 2;
        int qh = h / 2;
        int rw = Math.max(1, qw * 3 / 8);
        int rh = Math.max(1, qh * 3 / 8);
        int x0 = q % 2 == 0 ? qw / 8 : w - qw / 8 - rw;
        int y0 = q < 2 ? qh / 8 : h - qh / 8 - rh;
        return new Rectangle(x0, y0, rw, rh);
    }
}
