package io.emojify.testing;

import io.emojify.EmojifyException;
import io.emojify.emotion.Emotion;
import io.emojify.emotion.EmotionClassifier;
import io.emojify.emotion.EmotionScores;
import io.emojify.face.BoundingBox;
import io.emojify.face.Face;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A deterministic stand-in classifier for pipeline tests: bright faces are happy, dark ones sad, by the mean luma of
 * the box (clipped to the image).
 */
public final class MeanBrightnessClassifier implements EmotionClassifier {

    @Override
    public List<EmotionScores> classify(BufferedImage image, List<Face> faces) {
        if (image == null || faces == null) {
            throw new EmojifyException("image and faces must not be null");
        }
        List<EmotionScores> out = new ArrayList<>();
        for (Face f : faces) {
            BoundingBox b = f.box().clip(image.getWidth(), image.getHeight());
            double sum = 0;
            int n = 0;
            for (int y = (int) b.y(); y < (int) b.bottom(); y++) {
                for (int x = (int) b.x(); x < (int) b.right(); x++) {
                    int p = image.getRGB(x, y);
                    sum += 0.299 * ((p >> 16) & 0xff) + 0.587 * ((p >> 8) & 0xff) + 0.114 * (p & 0xff);
                    n++;
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
