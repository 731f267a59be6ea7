package io.emojify.image;

import io.emojify.EmojifyException;

/** An image file could not be decoded: missing, empty, not an image, truncated, or too large. */
public class ImageDecodingException extends EmojifyException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what was wrong, naming the file
     */
    public ImageDecodingException(String message) {
        super(message);
    }

    /**
     * @param message what was wrong, naming the file
     * @param cause the underlying failure
     */
    public ImageDecodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
