package io.emojify.djl.face;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import io.emojify.djl.Engines;
import io.emojify.face.FaceDetectionException;
import io.emojify.model.ModelException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An ONNX detector network on DJL's OnnxRuntime engine, with a pool of predictors so that one detector serves many
 * threads. Runs one {@code [1,3,H,W]} float tensor and returns the outputs by name.
 */
final class OrtDetectorModel implements AutoCloseable {

    private final Model model;
    private final ConcurrentLinkedQueue<Predictor<NDList, NDList>> pool = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final String name;

    OrtDetectorModel(Path onnx, String name) {
        this.name = name;
        Engines.require(Engines.ONNX_RUNTIME);
        Model m = Model.newInstance(name, Engines.ONNX_RUNTIME);
        try {
            String file = onnx.getFileName().toString();
            m.load(onnx.getParent(), file.substring(0, file.length() - ".onnx".length()));
        } catch (IOException | ai.djl.MalformedModelException | RuntimeException e) {
            m.close();
            throw new ModelException("Cannot load the " + name + " face detector from " + onnx + ": " + e, e);
        }
        this.model = m;
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
        if (closed.get()) {
            throw new FaceDetectionException("The " + name + " face detector is closed");
        }
        Predictor<NDList, NDList> p = pool.poll();
        if (p == null) {
            p = model.newPredictor(new NoopTranslator(null));
        }
        try (NDManager scope = model.getNDManager().newSubManager()) {
            NDArray x = scope.create(chw, new Shape(1, 3, height, width));
            NDList out = p.predict(new NDList(x));
            Map<String, float[]> byName = new HashMap<>();
            for (NDArray a : out) {
                byName.put(a.getName(), a.toFloatArray());
            }
            out.close();
            return byName;
        } catch (TranslateException | RuntimeException e) {
            throw new FaceDetectionException("The " + name + " face detector failed on a " + width + "x" + height
                    + " input: " + e, e);
        } finally {
            if (closed.get()) {
                p.close();
            } else {
                pool.offer(p);
            }
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            Predictor<NDList, NDList> p;
            while ((p = pool.poll()) != null) {
                p.close();
            }
            model.close();
        }
    }
}
