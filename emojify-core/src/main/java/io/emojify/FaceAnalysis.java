package io.emojify;

import io.emojify.emoji.Emoji;
import io.emojify.emoji.EmojiMapper;
import io.emojify.emotion.Emotion;
import io.emojify.emotion.EmotionClassificationException;
import io.emojify.emotion.EmotionClassifier;
import io.emojify.emotion.EmotionScores;
import io.emojify.face.Face;
import io.emojify.face.FaceDetector;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * An image's faces, each with its emotion and emoji: the faces are detected, classified together in one call (the
 * classifier batches them), checked to be one result per face, and mapped to emoji.
 *
 * @param detector finds the faces
 * @param classifier classifies them
 * @param mapper chooses each face's emoji
 */
record FaceAnalysis(FaceDetector detector, EmotionClassifier classifier, EmojiMapper mapper) {

    /** The faces of an image, most confident detection first; empty when there is none. */
    List<AnnotatedFace> analyze(BufferedImage image) {
        List<Face> faces = detector.detect(image);
        if (faces.isEmpty()) {
            return List.of();
        }
        List<EmotionScores> scores = classifier.classify(image, faces);
        if (scores == null || scores.size() != faces.size()) {
            throw new EmotionClassificationException("The classifier " + classifier.name() + " returned "
                    + (scores == null ? "null" : scores.size() + " results") + " for " + faces.size() + " faces");
        }
        List<AnnotatedFace> out = new ArrayList<>(faces.size());
        for (int i = 0; i < faces.size(); i++) {
            EmotionScores s = scores.get(i);
            Emotion emotion = s.top();
            out.add(new AnnotatedFace(faces.get(i), s, emotion, emoji(emotion, s)));
        }
        return out;
    }

    /** The mapper's emoji for an emotion; an error naming the mapper when it gives none. */
    Emoji emoji(Emotion emotion, EmotionScores scores) {
        Emoji emoji = mapper.map(emotion, scores);
        if (emoji == null) {
            throw new EmojifyException("The emoji mapper " + mapper.getClass().getName() + " returned no emoji for "
                    + emotion.label());
        }
        return emoji;
    }
}
