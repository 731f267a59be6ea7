package io.emojify.server;

import io.emojify.emoji.Emoji;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The art of the emoji the server has answered, as PNG, for {@code GET /emoji/<code points>.png}: the live page draws
 * them over the camera's video itself (the same art the server draws, whatever fonts the browser has). Only emoji that
 * were answered are served. Thread-safe.
 */
final class EmojiImages {

    /** The side of the PNGs served, in pixels (the page scales them to each face). */
    static final int SIZE = 160;

    private final Map<String, Emoji> known = new ConcurrentHashMap<>();
    private final Map<String, byte[]> png = new ConcurrentHashMap<>();

    /** @param emoji an emoji that was answered */
    void learn(Emoji emoji) {
        known.putIfAbsent(emoji.codePoints(), emoji);
    }

    /**
     * @param file e.g. {@code 1f604.png}
     * @return the PNG, or null when no such emoji was answered
     */
    byte[] png(String file) {
        if (!file.endsWith(".png")) {
            return null;
        }
        Emoji emoji = known.get(file.substring(0, file.length() - 4));
        return emoji == null ? null : png.computeIfAbsent(emoji.codePoints(),
                cp -> Http.encode(emoji.render(SIZE), Http.PNG));
    }
}
