package io.emojify.spi;

import io.emojify.EmojifyException;

/**
 * A setting names something that does not exist (an unknown detector, engine or option) or that cannot be used as
 * given. It is an error of the application's configuration: {@link io.emojify.Emojify} never answers it by trying
 * another backend.
 */
public class ConfigurationException extends EmojifyException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message the setting, the value that was wrong and the choices
     */
    public ConfigurationException(String message) {
        super(message);
    }
}
