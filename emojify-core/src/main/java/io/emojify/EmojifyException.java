package io.emojify;

/**
 * The root of the library's exceptions: every failure Emojify reports is of this type or one of its package's subtypes,
 * and its message says what was wrong, with the value that was wrong.
 */
public class EmojifyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what was wrong
     */
    public EmojifyException(String message) {
        super(message);
    }

    /**
     * @param message what was wrong
     * @param cause the underlying failure
     */
    public EmojifyException(String message, Throwable cause) {
        super(message, cause);
    }
}
