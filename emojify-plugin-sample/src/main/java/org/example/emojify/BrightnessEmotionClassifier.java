package org.example.emojify;

import io.emojify.emotion.EmotionClassificationException;
import io.emojify.emotion.EmotionClassifier;
import io.emojify.emotion.EmotionScores;
import io.emojify.face.BoundingBox;
import io.emojify.face.Face;
import io.emojify.image.Images;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A toy emotion classifier of a user's own: the brighter a face, the happier. It reads the face through the library's
 * one gray conversion ({@link Images#luma}), so the same picture stored as gray, RGB, BGR or with alpha scores the same,
 * and scores a face that lies outside the image as neutral. Thread-safe: it keeps no state.
 */
public final class BrightnessEmotionClassifier implements EmotionClassifier {

    @Override
    public List<EmotionScores> classify(BufferedImage image, List<Face> faces) {
        if (image == null || faces == null) {
            throw new EmotionClassificationException("The image or the faces are null");
        }
        List<EmotionScores> out = new ArrayList<>(faces.size());
        for (Face face : faces) {
            BoundingBox box = face.box().clip(image.getWidth(), image.getHeight());
            int x = (int) Math.floor(box.x());
            int y = (int) Math.floor(box.y());
            int w = Math.min(image.getWidth() - x, (int) Math.ceil(box.width()));
            int h = Math.min(image.getHeight() - y, (int) Math.ceil(box.height()));
            double mean = 127.5;
            if (w > 0 && h > 0) {
                double sum = 0;
                for (float v : Images.luma(image, x, y, w, h)) {
                    sum += v;
                }
                mean = sum / (w * h);
            }
            float happy = (float) (mean / 255);
            // angry, disgust, fear, happy, sad, surprise, neutral
            out.add(EmotionScores.of(0, 0, 0, 0.8f * happy, 0.8f * (1 - happy), 0, 0.2f));
        }
        return out;
    }
}
