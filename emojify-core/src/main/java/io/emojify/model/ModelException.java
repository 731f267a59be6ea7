package io.emojify.model;

import io.emojify.EmojifyException;

/** A model file could not be found, downloaded or verified, or a model folder is malformed. */
public class ModelException extends EmojifyException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what was wrong, naming the file, the expected SHA-256 and the setting to use
     */
    public ModelException(String message) {
        super(message);
    }

    /**
     * @param message what was wrong
     * @param cause the underlying failure
     */
    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
