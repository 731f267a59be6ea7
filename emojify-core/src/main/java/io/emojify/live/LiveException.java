package io.emojify.live;

import io.emojify.EmojifyException;

/** A live or ordered session was misused (a null frame, a closed session) or one of its frames could not be analysed. */
public class LiveException extends EmojifyException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong
     */
    public LiveException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public LiveException(String message, Throwable cause) {
        super(message, cause);
    }
}
