package io.emojify.emoji;

import java.awt.image.BufferedImage;

/** Draws an emoji's picture at a requested size. Implementations must be thread-safe. */
@FunctionalInterface
public interface EmojiArt {

    /**
     * Draws the emoji.
     *
     * @param size the side in pixels, at least 1
     * @return a new {@code size x size} ARGB image with a transparent background
     */
    BufferedImage render(int size);
}
