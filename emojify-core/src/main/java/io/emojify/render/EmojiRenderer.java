package io.emojify.render;

import io.emojify.AnnotatedFace;
import io.emojify.face.BoundingBox;
import io.emojify.face.Landmarks;
import io.emojify.face.Point;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Draws annotated faces onto a copy of an image. Any input type (grayscale, RGB, ARGB, indexed, 16-bit) is accepted; the
 * result is {@code TYPE_INT_ARGB} when the input has alpha and {@code TYPE_INT_RGB} otherwise. The input is never modified.
 *
 * <p>Stateless and thread-safe.
 */
public final class EmojiRenderer {

    /** How much larger than the face box the emoji is drawn in {@link RenderMode#REPLACE}, to cover hair line and chin. */
    public static final double REPLACE_SCALE = 1.2;
    /** The badge's side as a fraction of the face box's width in {@link RenderMode#BADGE}. */
    public static final double BADGE_SCALE = 0.4;
    /** Below this box width in pixels, a {@link RenderMode#BOXES} label leaves out the detector's score. */
    public static final int SMALL_FACE = 60;
    /** The smallest badge side in pixels, so that a badge on a small face in a crowd stays legible. */
    public static final int MIN_BADGE = 14;

    private final RenderMode mode;

    /**
     * @param mode how to draw
     */
    public EmojiRenderer(RenderMode mode) {
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    /** @return the mode */
    public RenderMode mode() {
        return mode;
    }

    /**
     * Renders the faces onto a copy of the image.
     *
     * @param source the image; not modified
     * @param faces the faces to draw
     * @return a new image of the same size
     */
    public BufferedImage render(BufferedImage source, List<AnnotatedFace> faces) {
        BufferedImage out = copy(source);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            List<Rectangle2D> labels = new ArrayList<>();
            for (AnnotatedFace f : faces) {
                switch (mode) {
                    case REPLACE -> replace(g, f);
                    case BADGE -> badge(g, f);
                    case BOXES -> boxes(g, f, labels, out.getWidth(), out.getHeight());
                    default -> throw new IllegalStateException(mode.name());
                }
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    /**
     * Copies any image into a new RGB (or ARGB, when the source has alpha) image.
     *
     * @param source the image
     * @return the copy
     */
    public static BufferedImage copy(BufferedImage source) {
        boolean alpha = source.getColorModel().hasAlpha();
        BufferedImage out = new BufferedImage(source.getWidth(), source.getHeight(),
                alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(source, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static void replace(Graphics2D g, AnnotatedFace f) {
        BoundingBox box = f.face().box();
        int size = (int) Math.round(Math.max(box.width(), box.height()) * REPLACE_SCALE);
        if (size < 1) {
            return;
        }
        Point c = box.center();
        double angle = f.face().optLandmarks().map(Landmarks::eyeLineAngle).orElse(0.0);
        drawEmoji(g, f, size, c.x(), c.y(), angle);
    }

    /** The badge sits on the face's top-right corner and turns with the face (about the face's centre). */
    private static void badge(Graphics2D g, AnnotatedFace f) {
        BoundingBox box = f.face().box();
        int size = Math.max(MIN_BADGE, (int) Math.round(box.width() * BADGE_SCALE));
        double angle = f.face().optLandmarks().map(Landmarks::eyeLineAngle).orElse(0.0);
        Point c = box.center();
        double dx = box.right() - size * 0.25 - c.x();
        double dy = box.y() + size * 0.25 - c.y();
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        drawEmoji(g, f, size, c.x() + dx * cos - dy * sin, c.y() + dx * sin + dy * cos, angle);
    }

    private static void drawEmoji(Graphics2D g, AnnotatedFace f, int size, double cx, double cy, double angle) {
        BufferedImage art = f.emoji().render(size);
        AffineTransform t = new AffineTransform();
        t.translate(cx, cy);
        t.rotate(angle);
        t.translate(-size / 2.0, -size / 2.0);
        g.drawImage(art, t, null);
    }

    private static void boxes(Graphics2D g, AnnotatedFace f, List<Rectangle2D> placed, int width, int height) {
        BoundingBox box = f.face().box();
        float stroke = (float) Math.max(1.5, box.width() / 60);
        g.setStroke(new BasicStroke(stroke));
        g.setColor(new Color(0x00E676));
        g.draw(new Rectangle2D.Double(box.x(), box.y(), box.width(), box.height()));
        f.face().optLandmarks().ifPresent(l -> {
            g.setColor(new Color(0xFF4081));
            double r = Math.max(2, box.width() / 40);
            for (Point p : l.points()) {
                g.fill(new Ellipse2D.Double(p.x() - r, p.y() - r, 2 * r, 2 * r));
            }
        });
        String label = String.format(Locale.ROOT, "%s %.0f%%", f.emotion().label(),
                f.scores().probability(f.emotion()) * 100);
        if (box.width() >= SMALL_FACE) { // on a crowd's small faces the detector's score would only cover neighbours
            label += String.format(Locale.ROOT, " (face %.2f)", f.face().score());
        }
        int fontSize = (int) Math.max(10, Math.min(32, box.width() / 7));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, fontSize));
        FontMetrics fm = g.getFontMetrics();
        Rectangle2D place = placeLabel(box, fm.stringWidth(label) + 4, fm.getHeight(), placed, width, height);
        placed.add(place);
        g.setColor(new Color(0, 0, 0, 160));
        g.fill(place);
        g.setColor(Color.WHITE);
        g.drawString(label, (float) place.getX() + 2, (float) (place.getY() + fm.getAscent()));
    }

    /**
     * Chooses where a face's label goes: above the box, below it, or inside its top or bottom edge, each first at the
     * box's left and then shifted right or left to stay in the image; the first place that covers no label placed
     * before, else the one that covers the least of them.
     *
     * @param box the face box
     * @param w the label's width
     * @param h the label's height
     * @param placed the labels already drawn
     * @param width the image's width
     * @param height the image's height
     * @return the label's rectangle
     */
    static Rectangle2D placeLabel(BoundingBox box, double w, double h, List<Rectangle2D> placed, int width,
            int height) {
        double x = Math.max(0, Math.min(box.x(), width - w));
        double[] ys = {box.y() - h - 1, box.bottom() + 1, box.y(), box.bottom() - h};
        Rectangle2D best = null;
        double bestOverlap = Double.MAX_VALUE;
        for (double y : ys) {
            if (y < 0 || y + h > height) {
                continue;
            }
            for (double shift : new double[] {0, w / 2, -w / 2, w, -w}) {
                double lx = Math.max(0, Math.min(x + shift, width - w));
                Rectangle2D r = new Rectangle2D.Double(lx, y, w, h);
                double overlap = 0;
                for (Rectangle2D p : placed) {
                    Rectangle2D i = r.createIntersection(p);
                    overlap += Math.max(0, i.getWidth()) * Math.max(0, i.getHeight());
                }
                if (overlap == 0) {
                    return r;
                }
                if (overlap < bestOverlap) {
                    bestOverlap = overlap;
                    best = r;
                }
            }
        }
        return best != null ? best : new Rectangle2D.Double(x, Math.max(0, Math.min(box.y(), height - h)), w, h);
    }
}
