package io.emojify.trainer.eval;

import io.emojify.face.Face;
import io.emojify.face.FaceDetector;
import io.emojify.trainer.data.FaceSet;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Measures how FER-2013 frames a face relative to a detector's box, so that the library's crop reproduces the framing the
 * model was trained on: each 48x48 face is enlarged and placed in the middle of a larger gray canvas, the detector runs,
 * and the 48x48 frame is compared with the box it returns. The medians give the model card's {@code cropScale} (frame side
 * over box side) and {@code cropShiftY} (frame centre below box centre, in box heights).
 */
public final class FramingMeasurement {

    /** The result. */
    public static final class Result {
        /** Faces tried. */
        public int tried;
        /** Faces the detector found. */
        public int detected;
        /** Median frame side / box side. */
        public double cropScale;
        /** Median (frame centre y - box centre y) / box height. */
        public double cropShiftY;
        /** Median (frame centre x - box centre x) / box width. */
        public double cropShiftX;
        /** The 10th and 90th percentiles of the scale. */
        public double[] cropScaleP10P90;
    }

    private FramingMeasurement() {}

    /**
     * Runs the measurement.
     *
     * @param detector the detector the library will use
     * @param faces FER-2013 faces
     * @param n how many to try
     * @param zoom how much each 48x48 face is enlarged
     * @return the medians
     */
    public static Result measure(FaceDetector detector, FaceSet faces, int n, int zoom) {
        int side = 48 * zoom;
        int canvas = side * 3;
        List<Double> scales = new ArrayList<>();
        List<Double> shiftsY = new ArrayList<>();
        List<Double> shiftsX = new ArrayList<>();
        Result r = new Result();
        for (int i = 0; i < Math.min(n, faces.size()); i++) {
            r.tried++;
            BufferedImage face = new BufferedImage(48, 48, BufferedImage.TYPE_BYTE_GRAY);
            face.getRaster().setDataElements(0, 0, 48, 48, faces.pixels(i));
            BufferedImage img = new BufferedImage(canvas, canvas, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setColor(new Color(128, 128, 128));
            g.fillRect(0, 0, canvas, canvas);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.drawImage(face, side, side, side, side, null);
            g.dispose();
            double frameCx = side * 1.5;
            double frameCy = side * 1.5;
            Face best = null;
            for (Face f : detector.detect(img)) {
                double dx = f.box().center().x() - frameCx;
                double dy = f.box().center().y() - frameCy;
                if (Math.hypot(dx, dy) < side / 3.0 && (best == null || f.score() > best.score())) {
                    best = f;
                }
            }
            if (best == null) {
                continue;
            }
            r.detected++;
            double boxSide = Math.max(best.box().width(), best.box().height());
            scales.add(side / boxSide);
            shiftsY.add((frameCy - best.box().center().y()) / best.box().height());
            shiftsX.add((frameCx - best.box().center().x()) / best.box().width());
        }
        r.cropScale = median(scales);
        r.cropShiftY = median(shiftsY);
        r.cropShiftX = median(shiftsX);
        Collections.sort(scales);
        r.cropScaleP10P90 = scales.isEmpty() ? new double[0]
                : new double[] {scales.get(scales.size() / 10), scales.get(scales.size() * 9 / 10)};
        return r;
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> s = new ArrayList<>(values);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }
}
