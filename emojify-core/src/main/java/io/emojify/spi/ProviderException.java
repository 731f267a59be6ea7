package io.emojify.spi;

import io.emojify.EmojifyException;

/** No usable backend was found, or the one named could not be loaded. */
public class ProviderException extends EmojifyException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what was wrong and what to do
     */
    public ProviderException(String message) {
        super(message);
    }

    /**
     * @param message what was wrong and what to do
     * @param cause the underlying failure
     */
    public ProviderException(String message, Throwable cause) {
        super(message, cause);
    }
}
