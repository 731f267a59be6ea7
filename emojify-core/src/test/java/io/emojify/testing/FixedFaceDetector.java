package io.emojify.testing;

import io.emojify.EmojifyException;
import io.emojify.face.BoundingBox;
import io.emojify.face.Face;
import io.emojify.face.FaceDetector;
import io.emojify.face.Landmarks;
import io.emojify.face.Point;
import java.awt.image.BufferedImage;
import java.util.List;

/** A detector that returns one tilted face in the middle of any image large enough: for pipeline tests. */
public final class FixedFaceDetector implements FaceDetector {

    /** How many times {@link #close()} was called. */
    public int closed;
    /** How many times {@link #close()} was called on any instance in this JVM. */
    public static final java.util.concurrent.atomic.AtomicInteger CLOSED_IN_JVM =
            new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public List<Face> detect(BufferedImage image) {
        if (image == null) {
            throw new EmojifyException("image is null");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        if (w < 8 || h < 8) {
            return List.of();
        }
        double s = Math.min(w, h) / 2.0;
        double x = (w - s) / 2;
        double y = (h - s) / 2;
        Landmarks l = new Landmarks(new Point(x + s * 0.3, y + s * 0.35), new Point(x + s * 0.7, y + s * 0.45),
                new Point(x + s * 0.5, y + s * 0.6), new Point(x + s * 0.35, y + s * 0.8),
                new Point(x + s * 0.65, y + s * 0.8));
        return List.of(new Face(new BoundingBox(x, y, s, s), 0.99, l));
    }

    @Override
    public void close() {
        closed++;
        CLOSED_IN_JVM.incrementAndGet();
    }
}
