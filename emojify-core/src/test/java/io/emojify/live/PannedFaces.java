package io.emojify.live;

import io.emojify.EmojifyException;
import io.emojify.emotion.Emotion;
import io.emojify.emotion.EmotionClassifier;
import io.emojify.emotion.EmotionScores;
import io.emojify.face.BoundingBox;
import io.emojify.face.Face;
import io.emojify.face.FaceDetector;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stream this test makes: four faces, {@value #FACE} px wide, panned across 640x480 frames at {@value #SPEED} px/s, so
 * that a box 100 ms old misses its face by a third of its width. Each frame carries its number in its first pixel; the
 * stream remembers where it drew the faces of each frame, and its detector answers with exactly those boxes (the test
 * double "knows where the drawn faces are"). A scene cut at a chosen frame moves the four faces elsewhere.
 */
final class PannedFaces {

    static final int WIDTH = 640;
    static final int HEIGHT = 480;
    static final int FACE = 60;
    static final double SPEED = 200;
    private static final double[][] START = {{10, 100}, {150, 100}, {10, 300}, {150, 300}};
    private static final double[][] AFTER_CUT = {{300, 40}, {460, 40}, {300, 380}, {460, 380}};

    private final Map<Integer, List<BoundingBox>> drawn = new ConcurrentHashMap<>();
    private final int cutAt;

    /** @param cutAt the first frame after a scene cut, or -1 for none */
    PannedFaces(int cutAt) {
        this.cutAt = cutAt;
    }

    /** Where the four faces are {@code seconds} into the pan (before or after the cut). */
    List<BoundingBox> truth(double seconds, boolean afterCut) {
        List<BoundingBox> boxes = new ArrayList<>(4);
        for (double[] s : afterCut ? AFTER_CUT : START) {
            boxes.add(new BoundingBox(s[0] + (afterCut ? 0 : SPEED * seconds), s[1], FACE, FACE));
        }
        return boxes;
    }

    /** Draws frame {@code index}, {@code seconds} into the pan, and remembers where its faces are. */
    BufferedImage frame(int index, double seconds) {
        List<BoundingBox> boxes = truth(seconds, cutAt >= 0 && index >= cutAt);
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(40, 90, 60));
        g.fillRect(0, 0, WIDTH, HEIGHT);
        for (BoundingBox b : boxes) {
            g.setColor(new Color(225, 180, 150));
            g.fillOval((int) b.x(), (int) b.y(), FACE, FACE);
            g.setColor(Color.BLACK);
            g.fillOval((int) (b.x() + FACE * 0.25), (int) (b.y() + FACE * 0.3), 6, 6);
            g.fillOval((int) (b.x() + FACE * 0.65), (int) (b.y() + FACE * 0.3), 6, 6);
            g.drawArc((int) (b.x() + FACE * 0.3), (int) (b.y() + FACE * 0.5), FACE / 3, FACE / 4, 180, 180);
        }
        g.dispose();
        image.setRGB(0, 0, index);
        drawn.put(index, boxes);
        return image;
    }

    /** The number a frame of this stream carries. */
    static int index(BufferedImage frame) {
        return frame.getRGB(0, 0) & 0xffffff;
    }

    /** The test double detector: the boxes this stream drew on the frame, in the order drawn. */
    final class Detector implements FaceDetector {
        final List<Integer> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger closed = new AtomicInteger();

        @Override
        public List<Face> detect(BufferedImage image) {
            int index = index(image);
            seen.add(index);
            List<BoundingBox> boxes = drawn.get(index);
            if (boxes == null) {
                throw new EmojifyException("frame " + index + " was not drawn by this stream");
            }
            List<Face> faces = new ArrayList<>(boxes.size());
            boxes.forEach(b -> faces.add(new Face(b, 0.99)));
            return faces;
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    /**
     * The test double classifier: every face happy, after {@code millis} of sleep; it throws on its {@code failOnCall}-th
     * call (from 1; 0 never).
     */
    static final class SlowClassifier implements EmotionClassifier {
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        final AtomicInteger interrupted = new AtomicInteger();
        volatile Thread lastThread;
        private final long millis;
        private final int failOnCall;

        SlowClassifier(long millis, int failOnCall) {
            this.millis = millis;
            this.failOnCall = failOnCall;
        }

        @Override
        public List<EmotionScores> classify(BufferedImage image, List<Face> faces) {
            lastThread = Thread.currentThread();
            int call = calls.incrementAndGet();
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
                Thread.currentThread().interrupt();
                throw new EmojifyException("interrupted");
            }
            if (call == failOnCall) {
                throw new io.emojify.emotion.EmotionClassificationException("the classifier fails on call " + call);
            }
            float[] p = new float[Emotion.count()];
            java.util.Arrays.fill(p, 0.02f);
            p[Emotion.HAPPY.index()] = 0.88f;
            List<EmotionScores> out = new ArrayList<>();
            faces.forEach(f -> out.add(EmotionScores.of(p)));
            return out;
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }
}
