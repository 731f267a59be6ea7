package io.emojify.face;

import io.emojify.EmojifyException;

/** A face detector failed or was given input it cannot take. */
public class FaceDetectionException extends EmojifyException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what was wrong
     */
    public FaceDetectionException(String message) {
        super(message);
    }

    /**
     * @param message what was wrong
     * @param cause the underlying failure
     */
    public FaceDetectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
