package io.emojify.spark;

import io.emojify.EmojifyException;

/** A job of {@link EmojifySpark} that cannot be set up: an output folder that cannot be used; the message names it. */
public class EmojifySparkException extends EmojifyException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, naming the file or folder
     */
    public EmojifySparkException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message what went wrong, naming the file or folder
     * @param cause the cause
     */
    public EmojifySparkException(String message, Throwable cause) {
        super(message, cause);
    }
}
