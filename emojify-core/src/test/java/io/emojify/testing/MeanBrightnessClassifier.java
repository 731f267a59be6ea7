package io.emojify.testing;

import io.emojify.EmojifyException;
import io.emojify.emotion.Emotion;
import io.emojify.emotion.EmotionClassifier;
import io.emojify.emotion.EmotionScores;
import io.emojify.face.BoundingBox;
import io.emojify.face.Face;
import io.emojify.image.Images;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A deterministic stand-in classifier for pipeline tests: bright faces are happy, dark ones sad, by the mean luma of
 * the box (clipped to the image).
 */
public final class MeanBrightnessClassifier implements EmotionClassifier {

    /** How many times {@link #close()} was called. */
    public int closed;

    @Override
    public void close() {
        closed++;
    }

    @Override
    public List<EmotionScores> classify(BufferedImage image, List<Face> faces) {
        if (image == null || faces == null) {
            throw new EmojifyException("image and faces must not be null");
        }
        List<EmotionScores> out = new ArrayList<>();
        for (Face f : faces) {
            BoundingBox b = f.box().clip(image.getWidth(), image.getHeight());
            int x0 = (int) b.x();
            int y0 = (int) b.y();
            int w = Math.max(0, (int) b.right() - x0);
            int h = Math.max(0, (int) b.bottom() - y0);
            double sum = 0;
            int n = w * h;
            if (n > 0) {
                for (float v : Images.luma(image, x0, y0, w, h)) {
                    sum += v;
                }
            }
            double mean = n == 0 ? 128 : sum / n / 255;
            float[] logits = new float[Emotion.count()];
            logits[Emotion.HAPPY.index()] = (float) (mean * 4);
            logits[Emotion.SAD.index()] = (float) ((1 - mean) * 4);
            out.add(EmotionScores.fromLogits(logits));
        }
        return out;
    }
}
