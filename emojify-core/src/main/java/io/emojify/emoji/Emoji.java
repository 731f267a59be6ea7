package io.emojify.emoji;

import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * An emoji: its Unicode text (so an application that only wants text gets {@code "😄"} without any image), a name, and
 * the art that draws it. Immutable and thread-safe.
 */
public final class Emoji {

    private final String text;
    private final String name;
    private final EmojiArt art;
    private final RenderedSizes rendered = new RenderedSizes();

    /**
     * Creates an emoji.
     *
     * @param text the Unicode text, for example {@code "😄"}
     * @param name a human-readable name, for example {@code "smiling face with open mouth and smiling eyes"}
     * @param art draws the picture
     * @throws IllegalArgumentException if the text is empty
     */
    public Emoji(String text, String name, EmojiArt art) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("An emoji needs its Unicode text, was '" + text + "'");
        }
        this.text = text;
        this.name = Objects.requireNonNull(name, "name");
        this.art = Objects.requireNonNull(art, "art");
    }

    /** @return the Unicode text */
    public String text() {
        return text;
    }

    /** @return the name */
    public String name() {
        return name;
    }

    /**
     * Returns the code points in the usual file-name form, lower-case hex joined by {@code -}, for example {@code 1f604}.
     *
     * @return the code points
     */
    public String codePoints() {
        return text.codePoints().mapToObj(cp -> Integer.toHexString(cp).toLowerCase(Locale.ROOT))
                .collect(Collectors.joining("-"));
    }

    /**
     * Draws the emoji. The art draws each size once: the pictures of the sizes asked for most recently are kept (a few
     * megabytes per emoji at most) and copied, which is what makes drawing the same faces frame after frame cheap.
     *
     * @param size the side in pixels, 1 to 8192
     * @return a new {@code size x size} ARGB image, the caller's to change
     * @throws EmojiException if the size is out of range or drawing fails
     */
    public BufferedImage render(int size) {
        if (size < 1 || size > 8192) {
            throw new EmojiException("Emoji size must be 1 to 8192 pixels, was " + size);
        }
        BufferedImage kept = rendered.get(size);
        if (kept == null) {
            kept = art.render(size);
            if (kept == null || kept.getWidth() != size || kept.getHeight() != size) {
                throw new EmojiException("The art of " + this + " drew " + (kept == null ? "nothing"
                        : kept.getWidth() + "x" + kept.getHeight()) + " for size " + size);
            }
            rendered.put(size, kept);
        }
        return RenderedSizes.copyOf(kept);
    }

    /** @return how many sizes of this emoji are kept drawn (for tests) */
    int keptSizes() {
        return rendered.count();
    }

    @Override
    public String toString() {
        return text + " (" + name + ", U+" + codePoints().toUpperCase(Locale.ROOT) + ")";
    }
}
