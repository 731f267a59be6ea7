package io.emojify.djl.face;

import io.emojify.image.Images;
import io.emojify.face.BoundingBox;
import io.emojify.face.Face;
import io.emojify.face.FaceDetectionException;
import io.emojify.face.FaceDetector;
import io.emojify.model.ModelFile;
import io.emojify.model.ModelResolver;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Ultra-Light-Fast-Generic-Face-Detector RFB-320 (MIT) on DJL's OnnxRuntime engine: face boxes without landmarks.
 * The frame is resized to the network's fixed 320x240 input. Weights are resolved like {@link YuNetFaceDetector}'s.
 * Thread-safe.
 */
public final class UltraFaceFaceDetector implements FaceDetector {

    /** UltraFace RFB-320, pinned to an upstream commit. */
    public static final ModelFile MODEL = new ModelFile("ultraface/version-RFB-320.onnx",
            URI.create("https://raw.githubusercontent.com/Linzaer/Ultra-Light-Fast-Generic-Face-Detector-1MB/"
                    + "dffdddda9794a50607cba8f318507a28c1c27cab/models/onnx/version-RFB-320.onnx"),
            "34cd7e60aeff28744c657de7a3dc64e872d506741de66987f3426f2b79f88017");

    private static final int WIDTH = 320;
    private static final int HEIGHT = 240;

    private final OrtDetectorModel network;
    private final DetectorSettings settings;

    /** The settings of {@link #create()}: the defaults with a score threshold of 0.7, measured for this network. */
    public static final DetectorSettings DEFAULT_SETTINGS = DetectorSettings.DEFAULT.withScoreThreshold(0.7);

    /**
     * Loads UltraFace from a file and runs it once on a blank frame (the first run of a model is slow).
     *
     * @param onnx the ONNX file
     * @param settings the settings (its {@code maxInputSide} is not used: the input is always 320x240)
     */
    public UltraFaceFaceDetector(Path onnx, DetectorSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.network = new OrtDetectorModel(onnx, "UltraFace");
        network.warmUp(this);
    }

    /**
     * Resolves the pinned model and loads it with a 0.7 score threshold.
     *
     * @return the detector
     * @throws io.emojify.model.ModelException if the model cannot be had
     */
    public static UltraFaceFaceDetector create() {
        return create(DEFAULT_SETTINGS);
    }

    /**
     * Resolves the pinned model and loads it.
     *
     * @param settings the settings (score and NMS thresholds and the face limit; the input is always 320x240)
     * @return the detector
     * @throws io.emojify.model.ModelException if the model cannot be had
     */
    public static UltraFaceFaceDetector create(DetectorSettings settings) {
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
    public static UltraFaceFaceDetector create(DetectorSettings settings, ModelResolver resolver) {
        return new UltraFaceFaceDetector(resolver.resolve(MODEL), settings);
    }

    @Override
    public List<Face> detect(BufferedImage image) {
        if (image == null) {
            throw new FaceDetectionException("The image is null");
        }
        BufferedImage rgb = Images.scaled(image, WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        int[] px = ((DataBufferInt) rgb.getRaster().getDataBuffer()).getData();
        int plane = WIDTH * HEIGHT;
        float[] chw = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            chw[i] = (((px[i] >> 16) & 0xff) - 127f) / 128f;
            chw[plane + i] = (((px[i] >> 8) & 0xff) - 127f) / 128f;
            chw[2 * plane + i] = ((px[i] & 0xff) - 127f) / 128f;
        }
        Map<String, float[]> out = network.run(chw, HEIGHT, WIDTH);
        float[] scores = out.get("scores");
        float[] boxes = out.get("boxes");
        if (scores == null || boxes == null) {
            throw new FaceDetectionException("The UltraFace model lacks the 'scores' or 'boxes' output: " + out.keySet());
        }
        int w = image.getWidth();
        int h = image.getHeight();
        List<Face> candidates = new ArrayList<>();
        for (int i = 0; i < scores.length / 2; i++) {
            double score = scores[2 * i + 1];
            if (score < settings.scoreThreshold() || score > 1) {
                continue;
            }
            candidates.add(new Face(BoundingBox.fromCorners(boxes[4 * i] * w, boxes[4 * i + 1] * h,
                    boxes[4 * i + 2] * w, boxes[4 * i + 3] * h), score));
        }
        return NonMaximumSuppression.apply(candidates, settings.nmsThreshold(), settings.maxFaces());
    }

    @Override
    public String name() {
        return "UltraFace-RFB-320";
    }

    @Override
    public void close() {
        network.close();
    }
}
