package io.emojify.emoji;

import io.emojify.EmojifyException;

/** An emoji set could not be loaded or an emoji could not be drawn. */
public class EmojiException extends EmojifyException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what was wrong
     */
    public EmojiException(String message) {
        super(message);
    }

    /**
     * @param message what was wrong
     * @param cause the underlying failure
     */
    public EmojiException(String message, Throwable cause) {
        super(message, cause);
    }
}
