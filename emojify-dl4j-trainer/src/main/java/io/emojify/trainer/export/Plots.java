package io.emojify.trainer.export;

import io.emojify.emotion.Emotion;
import io.emojify.io.AtomicFiles;
import io.emojify.trainer.train.TrainingState;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/** Draws the training curves and the confusion matrix as PNG with Java2D. */
public final class Plots {

    private static final Color TRAIN = new Color(0x1f77b4);
    private static final Color VALIDATION = new Color(0xff7f0e);

    private Plots() {}

    /**
     * Writes accuracy and loss against epoch, for training and validation, side by side.
     *
     * @param history the epochs
     * @param file the PNG to write
     * @throws IOException if writing fails
     */
    public static void curves(List<TrainingState.Epoch> history, Path file) throws IOException {
        BufferedImage img = new BufferedImage(1200, 450, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = start(img);
        panel(g, 0, "Accuracy", history, e -> e.trainAccuracy, e -> e.validationAccuracy);
        panel(g, 600, "Loss", history, e -> e.trainLoss, e -> e.validationLoss);
        g.dispose();
        AtomicFiles.write(file, AtomicFiles.Existing.REPLACE, out -> ImageIO.write(img, "png", out));
    }

    /**
     * Writes the confusion matrix as a heat map with counts, rows normalised.
     *
     * @param confusion {@code [true][predicted]} counts
     * @param title the title
     * @param file the PNG to write
     * @throws IOException if writing fails
     */
    public static void confusion(int[][] confusion, String title, Path file) throws IOException {
        int cell = 70;
        int left = 110;
        int top = 60;
        int n = confusion.length;
        BufferedImage img = new BufferedImage(left + n * cell + 20, top + n * cell + 90, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = start(img);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, 10, 25);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        for (int t = 0; t < n; t++) {
            int total = 0;
            for (int p = 0; p < n; p++) {
                total += confusion[t][p];
            }
            for (int p = 0; p < n; p++) {
                double share = total == 0 ? 0 : confusion[t][p] / (double) total;
                int shade = (int) (255 - share * 200);
                g.setColor(new Color(shade, shade, 255));
                g.fillRect(left + p * cell, top + t * cell, cell, cell);
                g.setColor(Color.BLACK);
                g.drawString(String.valueOf(confusion[t][p]), left + p * cell + 8, top + t * cell + 30);
                g.drawString(String.format(Locale.ROOT, "%.0f%%", share * 100), left + p * cell + 8,
                        top + t * cell + 50);
            }
            g.drawString(Emotion.fromIndex(t).label(), 10, top + t * cell + 40);
        }
        for (int p = 0; p < n; p++) {
            g.drawString(Emotion.fromIndex(p).label(), left + p * cell + 5, top + n * cell + 20);
        }
        g.drawString("rows: true class; columns: predicted", left, top + n * cell + 50);
        g.dispose();
        AtomicFiles.write(file, AtomicFiles.Existing.REPLACE, out -> ImageIO.write(img, "png", out));
    }

    private static Graphics2D start(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        return g;
    }

    private static void panel(Graphics2D g, int x0, String title, List<TrainingState.Epoch> history,
            ToDoubleFunction<TrainingState.Epoch> train, ToDoubleFunction<TrainingState.Epoch> val) {
        int left = x0 + 70;
        int top = 50;
        int w = 500;
        int h = 330;
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (TrainingState.Epoch e : history) {
            for (double v : new double[] {train.applyAsDouble(e), val.applyAsDouble(e)}) {
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (min > max) {
            min = 0;
            max = 1;
        }
        if (max - min < 1e-9) {
            max = min + 1;
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title + " by epoch", left, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawRect(left, top, w, h);
        for (int i = 0; i <= 4; i++) {
            double v = min + (max - min) * i / 4;
            int y = top + h - h * i / 4;
            g.setColor(new Color(0xdddddd));
            g.drawLine(left + 1, y, left + w - 1, y);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "%.3f", v), x0 + 10, y + 4);
        }
        int epochs = Math.max(1, history.size());
        g.drawString("epoch 1", left, top + h + 18);
        g.drawString("epoch " + epochs, left + w - 60, top + h + 18);
        line(g, history, train, left, top, w, h, min, max, TRAIN);
        line(g, history, val, left, top, w, h, min, max, VALIDATION);
        g.setColor(TRAIN);
        g.drawString("train", left + 10, top + h + 38);
        g.setColor(VALIDATION);
        g.drawString("validation (PublicTest)", left + 70, top + h + 38);
    }

    private static void line(Graphics2D g, List<TrainingState.Epoch> history, ToDoubleFunction<TrainingState.Epoch> f,
            int left, int top, int w, int h, double min, double max, Color color) {
        Path2D path = new Path2D.Double();
        int n = history.size();
        for (int i = 0; i < n; i++) {
            double v = f.applyAsDouble(history.get(i));
            double x = left + (n == 1 ? w / 2.0 : w * i / (double) (n - 1));
            double y = top + h - (v - min) / (max - min) * h;
            if (i == 0) {
                path.moveTo(x, y);
            } else {
                path.lineTo(x, y);
            }
        }
        g.setColor(color);
        g.setStroke(new BasicStroke(2f));
        g.draw(path);
        g.setStroke(new BasicStroke(1f));
    }
}
