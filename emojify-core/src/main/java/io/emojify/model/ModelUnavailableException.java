package io.emojify.model;

/**
 * A model cannot be had on this machine: it is not cached, and downloading it failed or is forbidden. Unlike a model
 * that is present but wrong (a {@link ModelException}), this lets {@link io.emojify.Emojify} use another backend's
 * component, with a warning that says why.
 */
public class ModelUnavailableException extends ModelException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message which model, where it was looked for and how to supply it
     */
    public ModelUnavailableException(String message) {
        super(message);
    }

    /**
     * @param message which model, where it was looked for and how to supply it
     * @param cause the underlying failure
     */
    public ModelUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
