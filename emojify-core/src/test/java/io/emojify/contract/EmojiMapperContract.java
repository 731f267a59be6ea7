package io.emojify.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emojify.emoji.Emoji;
import io.emojify.emoji.EmojiMapper;
import io.emojify.emotion.Emotion;
import io.emojify.emotion.EmotionScores;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The contract every {@link EmojiMapper} must meet. Extend it and implement {@link #createMapper()}. */
public abstract class EmojiMapperContract {

    /**
     * @return the mapper under test
     * @throws Exception if it cannot be made
     */
    protected abstract EmojiMapper createMapper() throws Exception;

    private static EmotionScores peaked(Emotion e) {
        float[] p = new float[Emotion.count()];
        java.util.Arrays.fill(p, 0.05f);
        p[e.index()] = 0.7f;
        return EmotionScores.of(p);
    }

    @Test
    void everyEmotionHasAnEmojiWithTextAndArtAtEverySize() throws Exception {
        EmojiMapper mapper = createMapper();
        for (Emotion e : Emotion.values()) {
            Emoji emoji = mapper.map(e, peaked(e));
            assertNotNull(emoji, "no emoji for " + e);
            assertFalse(emoji.text().isEmpty());
            for (int size : new int[] {1, 17, 64, 300}) {
                BufferedImage img = emoji.render(size);
                assertEquals(size, img.getWidth());
                assertEquals(size, img.getHeight());
            }
            BufferedImage big = emoji.render(64);
            assertTrue(big.getColorModel().hasAlpha(), "emoji art must have a transparent background");
            assertTrue(opaqueFraction(big) > 0.2, "the emoji for " + e + " is nearly empty");
            assertTrue((big.getRGB(0, 0) >>> 24) < 128, "the corner of the emoji for " + e + " is not transparent");
        }
    }

    @Test
    void attributionIsNeverNull() throws Exception {
        assertNotNull(createMapper().attribution());
    }

    @Test
    void concurrentRenderingGivesTheSamePixels() throws Exception {
        EmojiMapper mapper = createMapper();
        Emoji emoji = mapper.map(Emotion.HAPPY, peaked(Emotion.HAPPY));
        int[] expected = emoji.render(48).getRGB(0, 0, 48, 48, null, 0, 48);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<int[]>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> emoji.render(48).getRGB(0, 0, 48, 48, null, 0, 48)));
            }
            for (Future<int[]> r : results) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(expected, r.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static double opaqueFraction(BufferedImage img) {
        int opaque = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) >>> 24) > 200) {
                    opaque++;
                }
            }
        }
        return opaque / (double) (img.getWidth() * img.getHeight());
    }
}
