package io.emojify.cli;

import io.emojify.io.FileErrors;
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
            commandLine.getErr().println("emojify: " + FileErrors.describe(ex));
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
}
