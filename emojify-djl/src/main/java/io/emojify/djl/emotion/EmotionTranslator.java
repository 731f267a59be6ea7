package io.emojify.djl.emotion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import io.emojify.emotion.EmotionScores;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a batch of face crops ({@code N} arrays of {@code side*side} gray values in 0..1) into one {@code [N,1,side,side]}
 * tensor, and the network's {@code [N,7]} logits into one {@link EmotionScores} per face. The same translator serves
 * both engines. Stateless and thread-safe.
 */
final class EmotionTranslator implements Translator<float[][], List<EmotionScores>> {

    private final int side;
    private final float temperature;

    /**
     * @param side the network's input side
     * @param temperature the model card's temperature: the logits are divided by it before the softmax
     */
    EmotionTranslator(int side, double temperature) {
        this.side = side;
        this.temperature = (float) temperature;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, float[][] crops) {
        int px = side * side;
        float[] data = new float[crops.length * px];
        for (int i = 0; i < crops.length; i++) {
            System.arraycopy(crops[i], 0, data, i * px, px);
        }
        NDArray x = ctx.getNDManager().create(data, new Shape(crops.length, 1, side, side));
        x.setName("input");
        return new NDList(x);
    }

    @Override
    public List<EmotionScores> processOutput(TranslatorContext ctx, NDList list) {
        float[] logits = list.get(0).toFloatArray();
        int classes = io.emojify.emotion.Emotion.count();
        List<EmotionScores> out = new ArrayList<>(logits.length / classes);
        for (int i = 0; i < logits.length / classes; i++) {
            float[] one = new float[classes];
            for (int c = 0; c < classes; c++) {
                one[c] = logits[i * classes + c] / temperature;
            }
            out.add(EmotionScores.fromLogits(one));
        }
        return out;
    }

    @Override
    public Batchifier getBatchifier() {
        return null; // the input is already one batch of all the faces of an image
    }
}
