package io.emojify.emotion;

import io.emojify.EmojifyException;

/** An emotion classifier failed or was given input it cannot take. */
public class EmotionClassificationException extends EmojifyException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what was wrong
     */
    public EmotionClassificationException(String message) {
        super(message);
    }

    /**
     * @param message what was wrong
     * @param cause the underlying failure
     */
    public EmotionClassificationException(String message, Throwable cause) {
        super(message, cause);
    }
}
