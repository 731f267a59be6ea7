package io.emojify.opencv;

import io.emojify.image.Images;
import io.emojify.face.BoundingBox;
import io.emojify.face.Face;
import io.emojify.face.FaceDetectionException;
import io.emojify.face.FaceDetector;
import io.emojify.model.ModelException;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.CascadeClassifier;

/**
 * OpenCV's frontal-face Haar cascade (Viola-Jones), read from inside OpenCV's own Maven artifact, so that it needs no
 * download. Far less accurate than YuNet (no landmarks, more misses on turned faces): it is the fallback for machines that
 * cannot get YuNet's weights. The score is {@code n / (n + 3)} for a face confirmed by {@code n} overlapping detections.
 *
 * <p>Thread-safe: calls are serialised, because OpenCV's cascade classifier keeps per-call state.
 */
public final class HaarCascadeFaceDetector implements FaceDetector {

    private static final int MIN_NEIGHBOURS = 5;
    private static final int MAX_SIDE = 640;

    private final CascadeClassifier cascade;
    private boolean closed;

    /**
     * Loads the cascade from OpenCV's native artifact for the platform this JVM runs on.
     *
     * @throws ModelException if that artifact is not on the class path, or OpenCV cannot read the cascade
     */
    public HaarCascadeFaceDetector() {
        Path xml;
        String resource = cascadeResource();
        try (InputStream in = HaarCascadeFaceDetector.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ModelException(missingNatives());
            }
            xml = Files.createTempFile("emojify-haar", ".xml");
            Files.copy(in, xml, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new ModelException("Cannot extract OpenCV's Haar cascade: " + e, e);
        }
        try {
            this.cascade = new CascadeClassifier(xml.toString());
            if (cascade.empty()) {
                throw new ModelException("OpenCV could not load its Haar cascade from " + xml);
            }
        } finally {
            xml.toFile().delete();
        }
    }

    /**
     * Where OpenCV's native artifact for this platform ({@link Loader#getPlatform()}, such as {@code linux-x86_64} or
     * {@code macosx-arm64}) keeps the frontal-face cascade: OpenCV installs its data under {@code share/opencv4} on Linux
     * and macOS and under {@code etc} on Windows; the first of the two that the class path holds, else the first.
     */
    static String cascadeResource() {
        String base = "/org/bytedeco/opencv/" + Loader.getPlatform();
        String unix = base + "/share/opencv4/haarcascades/haarcascade_frontalface_default.xml";
        String windows = base + "/etc/haarcascades/haarcascade_frontalface_default.xml";
        return HaarCascadeFaceDetector.class.getResource(unix) == null
                && HaarCascadeFaceDetector.class.getResource(windows) != null ? windows : unix;
    }

    /** Names the artifacts this platform needs, for the error when they are absent. */
    static String missingNatives() {
        String platform = Loader.getPlatform();
        return "OpenCV's native library for " + platform + " is not on the class path (no " + cascadeResource()
                + "): add org.bytedeco:opencv, org.bytedeco:openblas and org.bytedeco:javacpp with the classifier "
                + platform;
    }

    @Override
    public synchronized List<Face> detect(BufferedImage image) {
        if (image == null) {
            throw new FaceDetectionException("The image is null");
        }
        if (closed) {
            throw new FaceDetectionException("This Haar cascade detector is closed");
        }
        double scale = Math.min(1.0, MAX_SIDE / (double) Math.max(image.getWidth(), image.getHeight()));
        int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
        if (w < 24 || h < 24) {
            return List.of();
        }
        BufferedImage gray = Images.scaled(image, w, h, BufferedImage.TYPE_BYTE_GRAY);
        byte[] px = ((DataBufferByte) gray.getRaster().getDataBuffer()).getData();
        List<Face> faces = new ArrayList<>();
        try (BytePointer data = new BytePointer(px);
                Mat mat = new Mat(h, w, opencv_core.CV_8UC1, data);
                RectVector rects = new RectVector();
                IntPointer counts = new IntPointer();
                Size min = new Size(24, 24);
                Size max = new Size()) {
            cascade.detectMultiScale2(mat, rects, counts, 1.1, MIN_NEIGHBOURS, 0, min, max);
            for (long i = 0; i < rects.size(); i++) {
                Rect r = rects.get(i);
                int n = Math.max(1, counts.get(i));
                faces.add(new Face(new BoundingBox(r.x() / scale, r.y() / scale, r.width() / scale,
                        r.height() / scale), n / (n + 3.0)));
            }
        }
        faces.sort((a, b) -> Double.compare(b.score(), a.score()));
        return faces;
    }

    @Override
    public String name() {
        return "OpenCV Haar cascade (frontalface_default)";
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            cascade.close();
        }
    }
}
