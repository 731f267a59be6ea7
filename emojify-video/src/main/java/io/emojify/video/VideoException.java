package io.emojify.video;

import io.emojify.EmojifyException;

/** A video that cannot be read or written; the message names the file and what FFmpeg said. */
public class VideoException extends EmojifyException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, naming the file
     */
    public VideoException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message what went wrong, naming the file
     * @param cause the cause
     */
    public VideoException(String message, Throwable cause) {
        super(message, cause);
    }
}
