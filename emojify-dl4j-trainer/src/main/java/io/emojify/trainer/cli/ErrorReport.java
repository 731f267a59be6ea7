package io.emojify.trainer.cli;

import com.google.gson.JsonParseException;
import io.emojify.EmojifyException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import picocli.CommandLine;

/**
 * How a command that failed says so: one line on standard error, {@code emojify-trainer COMMAND: what was wrong}, and
 * exit code 2 for a user error (a bad option, a missing or unusable file, folder, model or run) or 1 for anything
 * unexpected. {@code --verbose} adds the stack trace.
 */
public final class ErrorReport {

    /** Exit code of a user error. */
    public static final int USER_ERROR = 2;
    /** Exit code of an unexpected failure. */
    public static final int FAILURE = 1;

    private ErrorReport() {}

    /**
     * Reports an exception that a command threw.
     *
     * @param ex the exception
     * @param command the command that threw it
     * @param verbose whether to print the stack trace as well
     * @return the exit code
     */
    public static int failed(Exception ex, CommandLine command, boolean verbose) {
        PrintWriter err = command.getErr();
        boolean user = isUserError(ex);
        String line = user ? describe(ex) : "unexpected " + ex.getClass().getName() + ": " + describe(ex)
                + (verbose ? "" : " (--verbose prints the stack trace)");
        err.println(prefix(command) + oneLine(line));
        if (verbose) {
            ex.printStackTrace(err);
        }
        err.flush();
        return user ? USER_ERROR : FAILURE;
    }

    /**
     * Reports arguments that picocli could not parse: an unknown or missing option, a value of the wrong type.
     *
     * @param ex the exception
     * @return {@link #USER_ERROR}
     */
    public static int badArguments(CommandLine.ParameterException ex) {
        CommandLine command = ex.getCommandLine();
        command.getErr().println(prefix(command) + oneLine(ex.getMessage()) + " (see --help)");
        command.getErr().flush();
        return USER_ERROR;
    }

    /** The failures a user causes and can mend: bad input, files, models, runs. */
    static boolean isUserError(Throwable ex) {
        return ex instanceof UserError || ex instanceof IOException || ex instanceof UncheckedIOException
                || ex instanceof IllegalArgumentException || ex instanceof EmojifyException
                || ex instanceof JsonParseException;
    }

    /** What went wrong, in words: the message, or for a bare file-system exception the path and what is wrong. */
    static String describe(Throwable ex) {
        Throwable e = ex instanceof UncheckedIOException && ex.getCause() != null ? ex.getCause() : ex;
        if (e instanceof NoSuchFileException f) {
            return f.getFile() + ": no such file or folder";
        } else if (e instanceof AccessDeniedException f) {
            return f.getFile() + ": permission denied";
        } else if (e instanceof FileAlreadyExistsException f) {
            return f.getFile() + ": exists already";
        } else if (e instanceof NotDirectoryException f) {
            return f.getFile() + ": not a folder";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static String prefix(CommandLine command) {
        return command.getParent() == null ? command.getCommandName() + ": "
                : "emojify-trainer " + command.getCommandName() + ": ";
    }

    private static String oneLine(String s) {
        return s.strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
