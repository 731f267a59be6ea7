package io.emojify.emoji;

import io.emojify.emotion.Emotion;
import io.emojify.emotion.EmotionScores;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.util.EnumMap;
import java.util.Map;

/**
 * Emojify's own emoji for the seven emotions: vector art drawn with Java2D by this project, crisp at any size, with no
 * third-party art. The Unicode text of each is the usual emoji for the emotion (😠 🤢 😨 😄 😢 😲 😐), so text-only
 * applications get the same choice.
 *
 * <p>Thread-safe and stateless; {@link #INSTANCE} is the shared instance.
 */
public final class BuiltInEmojiSet implements EmojiMapper {

    /** The shared instance. */
    public static final BuiltInEmojiSet INSTANCE = new BuiltInEmojiSet();

    private static final Color SKIN = new Color(0xFFCC33);
    private static final Color SKIN_LIGHT = new Color(0xFFE27A);
    private static final Color RIM = new Color(0xE0A000);
    private static final Color INK = new Color(0x5B3A14);
    private static final Color MOUTH = new Color(0x7A2E10);
    private static final Color TONGUE = new Color(0xF26B6B);
    private static final Color TEAR = new Color(0x5DADEC);

    private final Map<Emotion, Emoji> emojis = new EnumMap<>(Emotion.class);

    private BuiltInEmojiSet() {
        emojis.put(Emotion.ANGRY, new Emoji("\uD83D\uDE20", "angry face", size -> draw(size, Emotion.ANGRY)));
        emojis.put(Emotion.DISGUST, new Emoji("\uD83E\uDD22", "nauseated face", size -> draw(size, Emotion.DISGUST)));
        emojis.put(Emotion.FEAR, new Emoji("\uD83D\uDE28", "fearful face", size -> draw(size, Emotion.FEAR)));
        emojis.put(Emotion.HAPPY, new Emoji("\uD83D\uDE04", "smiling face with open mouth and smiling eyes",
                size -> draw(size, Emotion.HAPPY)));
        emojis.put(Emotion.SAD, new Emoji("\uD83D\uDE22", "crying face", size -> draw(size, Emotion.SAD)));
        emojis.put(Emotion.SURPRISE, new Emoji("\uD83D\uDE32", "astonished face", size -> draw(size, Emotion.SURPRISE)));
        emojis.put(Emotion.NEUTRAL, new Emoji("\uD83D\uDE10", "neutral face", size -> draw(size, Emotion.NEUTRAL)));
    }

    @Override
    public Emoji map(Emotion emotion, EmotionScores scores) {
        return emojis.get(emotion);
    }

    /**
     * Returns the built-in emoji for an emotion.
     *
     * @param emotion the emotion
     * @return the emoji
     */
    public Emoji emoji(Emotion emotion) {
        return emojis.get(emotion);
    }

    private static BufferedImage draw(int size, Emotion emotion) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.scale(size / 100.0, size / 100.0);
            face(g, emotion);
            switch (emotion) {
                case ANGRY -> angry(g);
                case DISGUST -> disgust(g);
                case FEAR -> fear(g);
                case HAPPY -> happy(g);
                case SAD -> sad(g);
                case SURPRISE -> surprise(g);
                case NEUTRAL -> neutral(g);
                default -> throw new IllegalStateException(emotion.name());
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    private static void face(Graphics2D g, Emotion emotion) {
        Color base = emotion == Emotion.ANGRY ? new Color(0xF5843C)
                : emotion == Emotion.DISGUST ? new Color(0xA8C94A) : SKIN;
        Color light = emotion == Emotion.ANGRY ? new Color(0xFFB347)
                : emotion == Emotion.DISGUST ? new Color(0xD4E86E) : SKIN_LIGHT;
        g.setPaint(new RadialGradientPaint(new Point2D.Float(38, 32), 70, new float[] {0f, 1f},
                new Color[] {light, base}));
        g.fill(new Ellipse2D.Double(3, 3, 94, 94));
        if (emotion == Emotion.FEAR) {
            g.setPaint(new GradientPaint(0, 4, new Color(0x6C8FD9), 0, 42, new Color(0x6C8FD9, true)));
            g.fill(new Ellipse2D.Double(3, 3, 94, 94));
        }
        g.setColor(emotion == Emotion.ANGRY ? new Color(0xC8541C) : emotion == Emotion.DISGUST ? new Color(0x7C9A2A) : RIM);
        g.setStroke(new BasicStroke(2.5f));
        g.draw(new Ellipse2D.Double(3, 3, 94, 94));
    }

    private static void eyes(Graphics2D g, double y, double w, double h) {
        g.setColor(INK);
        g.fill(new Ellipse2D.Double(34 - w / 2, y - h / 2, w, h));
        g.fill(new Ellipse2D.Double(66 - w / 2, y - h / 2, w, h));
    }

    private static void stroke(Graphics2D g, float width) {
        g.setColor(INK);
        g.setStroke(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    }

    private static void angry(Graphics2D g) {
        stroke(g, 5);
        g.draw(new Line2D.Double(20, 30, 42, 40));
        g.draw(new Line2D.Double(80, 30, 58, 40));
        eyes(g, 48, 9, 10);
        stroke(g, 5);
        g.draw(new Arc2D.Double(32, 68, 36, 22, 20, 140, Arc2D.OPEN));
    }

    private static void disgust(Graphics2D g) {
        stroke(g, 4.5f);
        g.draw(new Line2D.Double(26, 40, 42, 44));
        g.draw(new Line2D.Double(74, 40, 58, 44));
        Path2D mouth = new Path2D.Double();
        mouth.moveTo(28, 74);
        mouth.curveTo(36, 64, 44, 80, 50, 72);
        mouth.curveTo(56, 64, 64, 80, 72, 70);
        g.draw(mouth);
        g.setColor(new Color(0x4E7A1E));
        g.fill(new Ellipse2D.Double(16, 56, 12, 8));
        g.fill(new Ellipse2D.Double(72, 56, 12, 8));
    }

    private static void fear(Graphics2D g) {
        stroke(g, 4);
        g.draw(new Arc2D.Double(22, 28, 22, 14, 20, 140, Arc2D.OPEN));
        g.draw(new Arc2D.Double(56, 28, 22, 14, 20, 140, Arc2D.OPEN));
        g.setColor(Color.WHITE);
        g.fill(new Ellipse2D.Double(25, 42, 18, 18));
        g.fill(new Ellipse2D.Double(57, 42, 18, 18));
        eyes(g, 51, 8, 8);
        g.setColor(MOUTH);
        g.fill(new Ellipse2D.Double(37, 66, 26, 22));
        g.setColor(Color.WHITE);
        g.fill(new Arc2D.Double(39, 67, 22, 12, 0, 180, Arc2D.CHORD));
    }

    private static void happy(Graphics2D g) {
        stroke(g, 5);
        g.draw(new Arc2D.Double(24, 36, 20, 16, 20, 140, Arc2D.OPEN));
        g.draw(new Arc2D.Double(56, 36, 20, 16, 20, 140, Arc2D.OPEN));
        Path2D mouth = new Path2D.Double();
        mouth.moveTo(22, 58);
        mouth.curveTo(30, 92, 70, 92, 78, 58);
        mouth.closePath();
        g.setColor(MOUTH);
        g.fill(mouth);
        g.setColor(TONGUE);
        g.fill(new Ellipse2D.Double(38, 72, 24, 12));
        g.setColor(Color.WHITE);
        Path2D teeth = new Path2D.Double();
        teeth.moveTo(24, 59);
        teeth.lineTo(76, 59);
        teeth.curveTo(75, 63, 74, 65, 73, 66);
        teeth.lineTo(27, 66);
        teeth.curveTo(26, 65, 25, 63, 24, 59);
        g.fill(teeth);
    }

    private static void sad(Graphics2D g) {
        stroke(g, 4);
        g.draw(new Line2D.Double(24, 36, 40, 30));
        g.draw(new Line2D.Double(76, 36, 60, 30));
        eyes(g, 46, 9, 11);
        stroke(g, 5);
        g.draw(new Arc2D.Double(32, 68, 36, 24, 25, 130, Arc2D.OPEN));
        Path2D tear = new Path2D.Double();
        tear.moveTo(70, 52);
        tear.curveTo(64, 62, 64, 70, 70, 70);
        tear.curveTo(76, 70, 76, 62, 70, 52);
        g.setColor(TEAR);
        g.fill(tear);
    }

    private static void surprise(Graphics2D g) {
        stroke(g, 4);
        g.draw(new Arc2D.Double(22, 22, 24, 14, 30, 120, Arc2D.OPEN));
        g.draw(new Arc2D.Double(54, 22, 24, 14, 30, 120, Arc2D.OPEN));
        g.setColor(Color.WHITE);
        g.fill(new Ellipse2D.Double(24, 36, 20, 22));
        g.fill(new Ellipse2D.Double(56, 36, 20, 22));
        eyes(g, 47, 9, 10);
        g.setColor(MOUTH);
        g.fill(new Ellipse2D.Double(39, 64, 22, 26));
    }

    private static void neutral(Graphics2D g) {
        eyes(g, 44, 9, 13);
        stroke(g, 5);
        g.draw(new Line2D.Double(32, 72, 68, 72));
    }
}
