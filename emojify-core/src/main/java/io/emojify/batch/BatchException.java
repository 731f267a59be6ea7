package io.emojify.batch;

import io.emojify.EmojifyException;

/** The output folder of a batch cannot be used; the message names it and says why. */
public class BatchException extends EmojifyException {

    private static final long serialVersionUID = 1L;

    /** Why the output folder cannot be used. */
    public enum Reason {
        /** A file, not a folder, has its name: a mistake in the arguments. */
        NOT_A_FOLDER,
        /** It cannot be created or written into: the file system refuses. */
        NOT_WRITABLE
    }

    /** Why the output folder cannot be used. */
    private final Reason reason;

    /**
     * @param reason why the folder cannot be used
     * @param message what was wrong, starting with the folder's name
     * @param cause the underlying failure, or null
     */
    public BatchException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** @return why the folder cannot be used */
    public Reason reason() {
        return reason;
    }
}
