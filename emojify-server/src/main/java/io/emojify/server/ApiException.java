package io.emojify.server;

import io.emojify.EmojifyException;
import io.emojify.image.ImageDecodingException;

/**
 * A request the server refuses, with the HTTP status and the one-line message sent as {@code {"error": "..."}}.
 */
final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The HTTP status. */
    final int status;

    ApiException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /**
     * The answer to a failure while handling a request: the library's message with a 4xx status for bad input (413 for
     * an image over a size limit, 400 otherwise), 500 with a short description for anything else.
     *
     * @param e the failure
     * @return the exception to answer with
     */
    static ApiException of(Throwable e) {
        if (e instanceof ApiException api) {
            return api;
        }
        if (e instanceof ImageDecodingException || e instanceof EmojifyException && isSizeLimit(e.getMessage())) {
            return new ApiException(isSizeLimit(e.getMessage()) ? 413 : 400, e.getMessage());
        }
        String m = e.getMessage();
        return new ApiException(500, "internal error: " + (m == null || m.isBlank() ? e.getClass().getSimpleName() : m));
    }

    /** The library's size refusals say "over the limit" (pixels, bytes) or "too large for the memory available". */
    private static boolean isSizeLimit(String message) {
        return message != null && (message.contains("over the limit") || message.contains("too large for the memory"));
    }
}
