package io.emojify.trainer.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A user error: a bad option value, a missing or unusable file or folder, a run that cannot be used. The command ends
 * with one line that names the option and its value or the file and what is wrong, and exit code 2.
 */
public final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the line, naming what was given and what is wrong with it
     */
    public UserError(String message) {
        super(message);
    }

    /**
     * @param message the line
     * @param cause what was found wrong (printed with {@code --verbose})
     */
    public UserError(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * An option whose value breaks a rule.
     *
     * @param option the option, as the user types it
     * @param value its value
     * @param rule what it must be, or what is wrong with it
     * @return the error
     */
    static UserError option(String option, Object value, String rule) {
        return new UserError(option + " " + value + ": " + rule);
    }

    /**
     * Throws {@link #option} unless {@code ok}.
     *
     * @param ok whether the value is right
     * @param option the option
     * @param value its value
     * @param rule what it must be
     */
    static void require(boolean ok, String option, Object value, String rule) {
        if (!ok) {
            throw option(option, value, rule);
        }
    }

    /**
     * Checks that an option names something that exists (nothing to check when it is not given).
     *
     * @param path the value, or {@code null}
     * @param option the option
     */
    static void requireExists(Path path, String option) {
        if (path != null && !Files.exists(path)) {
            throw option(option, path, "no such file or folder");
        }
    }

    /**
     * Checks that an option names an existing folder.
     *
     * @param path the value
     * @param option the option
     * @param what what the folder should be, for the message ("a model folder")
     */
    static void requireFolder(Path path, String option, String what) {
        requireExists(path, option);
        require(Files.isDirectory(path), option, path, "is not " + what);
    }

    /**
     * Checks that the folder that is to hold an output exists, so that nothing is written before the error.
     *
     * @param out the output file or prefix
     * @param option the option that names it
     */
    static void requireFolderOf(Path out, String option) {
        Path folder = out.toAbsolutePath().getParent();
        require(folder != null && Files.isDirectory(folder), option, out, "its folder does not exist");
    }
}
