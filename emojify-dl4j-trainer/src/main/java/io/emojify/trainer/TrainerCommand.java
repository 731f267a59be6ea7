package io.emojify.trainer;

import io.emojify.trainer.cli.AverageCommand;
import io.emojify.trainer.cli.CalibrateCommand;
import io.emojify.trainer.cli.ErrorReport;
import io.emojify.trainer.cli.ExportAccurateCommand;
import io.emojify.trainer.cli.EvaluateCommand;
import io.emojify.trainer.cli.EvaluatePipelineCommand;
import io.emojify.trainer.cli.ExportCommand;
import io.emojify.trainer.cli.FramingCommand;
import io.emojify.trainer.cli.KeepHalfCommand;
import io.emojify.trainer.cli.TeachCommand;
import io.emojify.trainer.cli.TrainCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/**
 * The trainer's command line, {@code emojify-trainer}: {@code train}, {@code evaluate}, {@code calibrate}, {@code export}
 * and the rest, each a class in {@code io.emojify.trainer.cli}.
 */
@Command(name = "emojify-trainer", mixinStandardHelpOptions = true, version = "emojify-trainer 0.1.0",
        description = "Trains, evaluates and exports Emojify's emotion networks on FER-2013.",
        subcommands = {TrainCommand.class, AverageCommand.class, KeepHalfCommand.class, ExportCommand.class,
                TeachCommand.class, EvaluateCommand.class, CalibrateCommand.class, EvaluatePipelineCommand.class,
                FramingCommand.class, ExportAccurateCommand.class})
public final class TrainerCommand implements Callable<Integer> {

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "On an error, print its stack trace after the one line that says what went wrong")
    boolean verbose;

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.err);
        return ErrorReport.USER_ERROR;
    }

    /**
     * Runs the command line.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs the command line without exiting. Exit codes: 0 done; 2 a user error (a bad option value, a missing or
     * unusable file, folder, model or run: one line names it and says what is wrong); 1 an unexpected failure (one line;
     * {@code --verbose} adds the stack trace).
     *
     * @param args the arguments
     * @return the exit code
     */
    static int run(String... args) {
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        CommandLine cl = new CommandLine(new TrainerCommand());
        cl.setParameterExceptionHandler((ex, arguments) -> ErrorReport.badArguments(ex));
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) ->
                ErrorReport.failed(ex, commandLine, verbose(parseResult)));
        return cl.execute(args);
    }

    /** Whether {@code --verbose} was given, before the subcommand or after it. */
    private static boolean verbose(ParseResult parseResult) {
        for (ParseResult p = parseResult; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
