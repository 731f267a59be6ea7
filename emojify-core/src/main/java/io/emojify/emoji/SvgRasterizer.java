package io.emojify.emoji;

import java.nio.file.Path;

/**
 * Draws SVG emoji art, found with {@link java.util.ServiceLoader} (the JDK cannot draw SVG; {@code emojify-djl} provides
 * one). Implementations must be thread-safe, and so must the art they return.
 */
public interface SvgRasterizer {

    /**
     * Parses an SVG file into art that draws crisply at any size.
     *
     * @param svg the file
     * @return the art
     * @throws EmojiException if the file cannot be read or parsed
     */
    EmojiArt load(Path svg);
}
