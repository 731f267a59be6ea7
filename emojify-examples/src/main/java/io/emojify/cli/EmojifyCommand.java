package io.emojify.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code emojify} command. Exit codes: 0 success, 1 some input failed, 2 bad arguments. A failure is said in one line
 * naming the file and the reason; its stack trace is printed only with {@code --verbose} (on {@code annotate}).
 */
@Command(name = "emojify", mixinStandardHelpOptions = true, version = "emojify 0.1.0",
        description = "Replaces faces in photos with the emoji of their expression.",
        subcommands = {AnnotateCommand.class, VideoCommand.class, WebcamCommand.class, ServeCommand.class})
public final class EmojifyCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.err);
        return 2;
    }

    /**
     * Runs the command.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs the command without exiting (for tests).
     *
     * @param args the arguments
     * @return the exit code
     */
    public static int run(String... args) {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        CommandLine cl = new CommandLine(new EmojifyCommand());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("emojify: " + describe(ex));
            if (verbose(parseResult)) {
                ex.printStackTrace(commandLine.getErr());
            }
            return 1;
        });
        return cl.execute(args);
    }

    private static boolean verbose(CommandLine.ParseResult result) {
        for (CommandLine.ParseResult r = result; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Says in one line what went wrong: the file and the reason for file system errors (whose message is often only the
     * file), the message otherwise, the kind of error when there is no message.
     *
     * @param e the failure
     * @return the line, without the command's name
     */
    static String describe(Throwable e) {
        if (e instanceof FileSystemException f) {
            return f.getFile() + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile()) + ": " + describeReason(f);
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /**
     * The reason alone, for a message that names the file already.
     *
     * @param e the failure
     * @return the reason
     */
    static String describeReason(Throwable e) {
        if (e instanceof FileSystemException f) {
            if (f.getReason() != null && !f.getReason().isBlank()) {
                return f.getReason();
            }
            if (f instanceof AccessDeniedException) {
                return "permission denied";
            }
            if (f instanceof NoSuchFileException) {
                return "no such file or folder";
            }
            if (f instanceof FileAlreadyExistsException) {
                return "already exists";
            }
            if (f instanceof NotDirectoryException) {
                return "not a folder";
            }
            if (f instanceof DirectoryNotEmptyException) {
                return "a folder that is not empty";
            }
            return f.getClass().getSimpleName();
        }
        return describe(e);
    }
}
