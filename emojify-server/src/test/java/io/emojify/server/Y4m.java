package io.emojify.server;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a Y4M clip (raw YUV 4:2:0, the format Chromium's fake camera plays) from a photo: each frame shows the photo
 * scaled to the frame's width, panned smoothly around a circle of {@value #PAN} pixels over the clip (which loops without
 * a jump), so that consecutive frames differ and the faces move.
 */
final class Y4m {

    /** The radius of the pan, in pixels. */
    static final int PAN = 12;

    private Y4m() {}

    /**
     * @param photo the photo
     * @param width the frame width (even)
     * @param height the frame height (even)
     * @param frames how many frames
     * @param fps the frame rate the clip declares (the fake camera plays it at that rate)
     * @param file where to write
     */
    static void write(BufferedImage photo, int width, int height, int frames, int fps, Path file) throws IOException {
        int scaledHeight = Math.min(height, photo.getHeight() * width / photo.getWidth());
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            out.write(("YUV4MPEG2 W" + width + " H" + height + " F" + fps + ":1 Ip A1:1 C420jpeg\n")
                    .getBytes(StandardCharsets.US_ASCII));
            for (int f = 0; f < frames; f++) {
                BufferedImage frame = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = frame.createGraphics();
                g.setColor(new Color(90, 90, 90));
                g.fillRect(0, 0, width, height);
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                double angle = 2 * Math.PI * f / frames;
                int x = (int) Math.round(PAN * Math.cos(angle));
                int y = (height - scaledHeight) / 2 + (int) Math.round(PAN * Math.sin(angle));
                g.drawImage(photo, x, y, width, scaledHeight, null);
                g.dispose();
                out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
                out.write(yuv420(frame));
            }
        }
    }

    /** Full-range BT.601 (JPEG) Y, then U and V averaged over 2x2 blocks. */
    private static byte[] yuv420(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        byte[] out = new byte[w * h * 3 / 2];
        int[] rgb = img.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < w * h; i++) {
            int p = rgb[i];
            out[i] = (byte) clamp(0.299 * (p >> 16 & 255) + 0.587 * (p >> 8 & 255) + 0.114 * (p & 255));
        }
        int u = w * h;
        int v = u + w * h / 4;
        for (int y = 0; y < h; y += 2) {
            for (int x = 0; x < w; x += 2) {
                double r = 0;
                double gr = 0;
                double b = 0;
                for (int[] d : new int[][] {{0, 0}, {1, 0}, {0, 1}, {1, 1}}) {
                    int p = rgb[(y + d[1]) * w + x + d[0]];
                    r += (p >> 16 & 255) / 4.0;
                    gr += (p >> 8 & 255) / 4.0;
                    b += (p & 255) / 4.0;
                }
                int i = (y / 2) * (w / 2) + x / 2;
                out[u + i] = (byte) clamp(128 - 0.168736 * r - 0.331264 * gr + 0.5 * b);
                out[v + i] = (byte) clamp(128 + 0.5 * r - 0.418688 * gr - 0.081312 * b);
            }
        }
        return out;
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
