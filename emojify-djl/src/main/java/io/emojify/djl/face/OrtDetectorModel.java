package io.emojify.djl.face;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import io.emojify.djl.Engines;
import io.emojify.djl.PredictorPool;
import io.emojify.face.FaceDetectionException;
import io.emojify.model.ModelException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * An ONNX detector network on DJL's OnnxRuntime engine, with a pool of predictors so that one detector serves many
 * threads ({@link PredictorPool}). Runs one {@code [1,3,H,W]} float tensor and returns the outputs by name. A run in
 * progress never meets a freed model; a run after {@link #close()} throws {@link FaceDetectionException} "closed".
 */
final class OrtDetectorModel implements AutoCloseable {

    private final PredictorPool<NDList, NDList> predictors;
    private final String name;

    OrtDetectorModel(Path onnx, String name) {
        this.name = name;
        Engines.require(Engines.ONNX_RUNTIME);
        Model m = Engines.newModel(name, Engines.ONNX_RUNTIME);
        try {
            String file = onnx.getFileName().toString();
            m.load(onnx.getParent(), file.substring(0, file.length() - ".onnx".length()));
        } catch (IOException | ai.djl.MalformedModelException | RuntimeException e) {
            m.close();
            throw new ModelException("Cannot load the " + name + " face detector from " + onnx + ": " + e, e);
        }
        this.predictors = new PredictorPool<>(m, new NoopTranslator(null),
                () -> new FaceDetectionException("The " + name + " face detector is closed"));
    }

    /**
     * Runs the network.
     *
     * @param chw the input, channel-major
     * @param height the input height
     * @param width the input width
     * @return every output's values by output name
     */
    Map<String, float[]> run(float[] chw, int height, int width) {
        return run(chw, height, width, NDArray::toFloatArray);
    }

    /** {@link #run(float[], int, int)} with the conversion of each output given (a seam for tests). */
    Map<String, float[]> run(float[] chw, int height, int width, Function<NDArray, float[]> convert) {
        return predictors.use(p -> {
            NDList out = null;
            try (NDManager scope = predictors.model().getNDManager().newSubManager()) {
                NDArray x = scope.create(chw, new Shape(1, 3, height, width));
                out = p.predict(new NDList(x));
                Map<String, float[]> byName = new HashMap<>();
                for (NDArray a : out) {
                    byName.put(a.getName(), convert.apply(a));
                }
                return byName;
            } catch (TranslateException | RuntimeException e) {
                throw new FaceDetectionException("The " + name + " face detector failed on a " + width + "x" + height
                        + " input: " + e, e);
            } finally {
                if (out != null) {
                    out.close(); // also when converting an output throws
                }
            }
        });
    }

    /**
     * Runs a detector once on a blank 640x480 frame, so that the engine's first, slow run (memory planning, kernels
     * chosen for the shape) happens when the model loads rather than on the first frames of a video or camera.
     *
     * @param detector the detector, using this network
     * @throws ModelException if the run fails (the network is closed)
     */
    void warmUp(io.emojify.face.FaceDetector detector) {
        try {
            detector.detect(new java.awt.image.BufferedImage(640, 480, java.awt.image.BufferedImage.TYPE_3BYTE_BGR));
        } catch (RuntimeException e) {
            close();
            throw new ModelException("The " + name + " face detector fails on a blank 640x480 frame: " + e, e);
        }
    }

    @Override
    public void close() {
        predictors.close();
    }
}
