package io.emojify;

import io.emojify.emoji.BuiltInEmojiSet;
import io.emojify.emoji.EmojiMapper;
import io.emojify.emotion.EmotionClassifier;
import io.emojify.face.FaceDetector;
import io.emojify.render.RenderMode;
import io.emojify.spi.BackendOptions;

/**
 * What an {@link Emojify.Builder} collects, each with its default: the components given to it (none: discovered), whether
 * they are handed over, the backend's options, the emoji mapper, the render mode and the pixel limit. Not thread-safe.
 */
final class BuilderSettings {
    FaceDetector detector;
    EmotionClassifier classifier;
    boolean closeGivenComponents;
    BackendOptions options = BackendOptions.none();
    EmojiMapper mapper = BuiltInEmojiSet.INSTANCE;
    RenderMode mode = RenderMode.REPLACE;
    long maxPixels = Emojify.DEFAULT_MAX_PIXELS;
}
