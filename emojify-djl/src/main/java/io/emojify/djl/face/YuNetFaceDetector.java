package io.emojify.djl.face;

import io.emojify.image.Images;
import io.emojify.face.BoundingBox;
import io.emojify.face.Face;
import io.emojify.face.FaceDetectionException;
import io.emojify.face.FaceDetector;
import io.emojify.face.Landmarks;
import io.emojify.face.Point;
import io.emojify.model.ModelFile;
import io.emojify.model.ModelResolver;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The YuNet face detector (libfacedetection, Apache-2.0) on DJL's OnnxRuntime engine: face boxes with five landmarks.
 *
 * <p>The frame is scaled down so that its longer side is at most {@link DetectorSettings#maxInputSide()}, then padded (never
 * stretched) to a multiple of 32, as the network requires; boxes and landmarks are mapped back to the original image. When
 * that finds no face, a second pass looks at a padded, rescaled copy ({@link DetectorSettings#retrySide()}), which finds
 * faces that fill the frame (a face already cut out, an avatar) and that YuNet misses at the border. The
 * weights are not shipped: {@link #create()} resolves {@link #MODEL} through {@link ModelResolver} (a local models folder,
 * the cache, or a pinned, checksummed download). Thread-safe.
 */
public final class YuNetFaceDetector implements FaceDetector {

    /** YuNet-s with dynamic input size, pinned to an upstream commit. */
    public static final ModelFile MODEL = new ModelFile("yunet/yunet_s_dynamic.onnx",
            URI.create("https://raw.githubusercontent.com/ShiqiYu/libfacedetection.train/"
                    + "0047ac24afb1a50a0c6105001c89d1b5b805dbf1/onnx/yunet_s_dynamic.onnx"),
            "daede24002cc8590f457998cc5e6c9e8b82f45f6bd969506a8913cd4ed10a2d3");

    private static final int[] STRIDES = {8, 16, 32};

    private final OrtDetectorModel network;
    private final DetectorSettings settings;

    /**
     * Loads YuNet from a file and runs it once on a blank frame (the first run of a model is slow).
     *
     * @param onnx the ONNX file
     * @param settings the settings
     */
    public YuNetFaceDetector(Path onnx, DetectorSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.network = new OrtDetectorModel(onnx, "YuNet");
        network.warmUp(this);
    }

    /**
     * Resolves the pinned model (see {@link ModelResolver}) and loads it with the default settings.
     *
     * @return the detector
     * @throws io.emojify.model.ModelException if the model cannot be had
     */
    public static YuNetFaceDetector create() {
        return create(DetectorSettings.DEFAULT);
    }

    /**
     * Resolves the pinned model and loads it.
     *
     * @param settings the settings
     * @return the detector
     * @throws io.emojify.model.ModelException if the model cannot be had
     */
    public static YuNetFaceDetector create(DetectorSettings settings) {
        return create(settings, ModelResolver.fromSettings());
    }

    /**
     * Resolves the pinned model through the given resolver and loads it.
     *
     * @param settings the settings
     * @param resolver where the weights come from
     * @return the detector
     * @throws io.emojify.model.ModelException if the model cannot be had
     */
    public static YuNetFaceDetector create(DetectorSettings settings, ModelResolver resolver) {
        return new YuNetFaceDetector(resolver.resolve(MODEL), settings);
    }

    @Override
    public List<Face> detect(BufferedImage image) {
        if (image == null) {
            throw new FaceDetectionException("The image is null");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        double scale = settings.maxInputSide() > 0 ? Math.min(1.0, settings.maxInputSide() / (double) Math.max(w, h)) : 1;
        List<Face> faces = detectScaled(image, scale);
        if (faces.isEmpty() && settings.retrySide() > 0) {
            faces = detectPadded(image, settings.retrySide());
        }
        return faces;
    }

    /**
     * The second pass: the image centred on a mid-gray canvas a quarter of its longer side wider on every side, scaled so
     * that the canvas's longer side is {@code side} (up or down), and the faces moved back into the image's coordinates.
     */
    private List<Face> detectPadded(BufferedImage image, int side) {
        int w = image.getWidth();
        int h = image.getHeight();
        int pad = (int) Math.round(0.25 * Math.max(w, h));
        BufferedImage canvas = new BufferedImage(w + 2 * pad, h + 2 * pad, BufferedImage.TYPE_3BYTE_BGR);
        java.awt.Graphics2D g = canvas.createGraphics();
        try {
            g.setColor(new java.awt.Color(128, 128, 128));
            g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
            g.drawImage(image, pad, pad, null);
        } finally {
            g.dispose();
        }
        List<Face> found = detectScaled(canvas, side / (double) Math.max(canvas.getWidth(), canvas.getHeight()));
        List<Face> moved = new ArrayList<>(found.size());
        for (Face f : found) {
            BoundingBox b = f.box();
            Landmarks l = f.landmarks();
            moved.add(new Face(new BoundingBox(b.x() - pad, b.y() - pad, b.width(), b.height()), f.score(),
                    new Landmarks(shift(l.leftEye(), pad), shift(l.rightEye(), pad), shift(l.nose(), pad),
                            shift(l.mouthLeft(), pad), shift(l.mouthRight(), pad))));
        }
        return moved;
    }

    private static Point shift(Point p, int pad) {
        return new Point(p.x() - pad, p.y() - pad);
    }

    /** One pass of the network over the image scaled by {@code scale}; the faces in the image's own coordinates. */
    private List<Face> detectScaled(BufferedImage image, double scale) {
        int w = image.getWidth();
        int h = image.getHeight();
        int sw = Math.max(1, (int) Math.round(w * scale));
        int sh = Math.max(1, (int) Math.round(h * scale));
        int pw = (sw + 31) / 32 * 32;
        int ph = (sh + 31) / 32 * 32;
        float[] input = toBgrChw(image, sw, sh, pw, ph);
        Map<String, float[]> out = network.run(input, ph, pw);
        double sx = w / (double) sw;
        double sy = h / (double) sh;
        List<Face> candidates = new ArrayList<>();
        for (int stride : STRIDES) {
            float[] cls = output(out, "cls_" + stride);
            float[] obj = output(out, "obj_" + stride);
            float[] bbox = output(out, "bbox_" + stride);
            float[] kps = output(out, "kps_" + stride);
            int cols = pw / stride;
            int rows = ph / stride;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    int i = r * cols + c;
                    double score = Math.sqrt(clamp01(cls[i]) * clamp01(obj[i]));
                    if (score < settings.scoreThreshold()) {
                        continue;
                    }
                    double cx = (c + bbox[i * 4]) * stride;
                    double cy = (r + bbox[i * 4 + 1]) * stride;
                    double bw = Math.exp(bbox[i * 4 + 2]) * stride;
                    double bh = Math.exp(bbox[i * 4 + 3]) * stride;
                    if (!Double.isFinite(bw) || !Double.isFinite(bh)) {
                        continue;
                    }
                    BoundingBox box = new BoundingBox((cx - bw / 2) * sx, (cy - bh / 2) * sy, bw * sx, bh * sy);
                    Point[] p = new Point[5];
                    for (int k = 0; k < 5; k++) {
                        p[k] = new Point((kps[i * 10 + 2 * k] + c) * stride * sx, (kps[i * 10 + 2 * k + 1] + r) * stride * sy);
                    }
                    // YuNet lists the subject's right eye first, which is the one on the image's left.
                    candidates.add(new Face(box, score, new Landmarks(p[0], p[1], p[2], p[3], p[4])));
                }
            }
        }
        return NonMaximumSuppression.apply(candidates, settings.nmsThreshold(), settings.maxFaces());
    }

    private static float[] output(Map<String, float[]> out, String name) {
        float[] v = out.get(name);
        if (v == null) {
            throw new FaceDetectionException("The YuNet model has no output '" + name + "' (outputs: " + out.keySet()
                    + "); is it yunet_s_dynamic.onnx?");
        }
        return v;
    }

    private static double clamp01(float v) {
        return Math.min(1, Math.max(0, v));
    }

    /** Scales the image to sw x sh, pads it with black to pw x ph and lays it out as BGR planes of 0..255 floats. */
    static float[] toBgrChw(BufferedImage image, int sw, int sh, int pw, int ph) {
        BufferedImage bgr = Images.scaledInto(image, sw, sh, pw, ph, BufferedImage.TYPE_3BYTE_BGR);
        byte[] px = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
        int plane = pw * ph;
        float[] chw = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            chw[i] = px[3 * i] & 0xff;
            chw[plane + i] = px[3 * i + 1] & 0xff;
            chw[2 * plane + i] = px[3 * i + 2] & 0xff;
        }
        return chw;
    }

    @Override
    public String name() {
        return "YuNet";
    }

    /** @return the settings */
    public DetectorSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        network.close();
    }
}
