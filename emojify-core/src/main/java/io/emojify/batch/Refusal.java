package io.emojify.batch;

/**
 * A reason a batch was refused before any work, in one line naming the files.
 *
 * @param kind what kind of refusal
 * @param message the line
 */
public record Refusal(Kind kind, String message) {

    /** The kinds, in the order they are told. */
    public enum Kind {
        /** Two inputs would give the same result. */
        SAME_RESULT,
        /** A result would be written over an input of the run (never done, even when overwriting). */
        RESULT_IS_INPUT,
        /** A result exists and the batch does not overwrite. */
        RESULT_EXISTS
    }
}
