package io.emojify.trainer;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs the trainer's command line in this JVM and keeps its exit code and what it printed. */
record CommandRun(int code, String err, String out) {

    /** Runs the command line; returns the exit code and what it printed on standard error and standard output. */
    static CommandRun of(String... args) {
        PrintStream oldErr = System.err;
        PrintStream oldOut = System.out;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            int code = TrainerCommand.run(args);
            return new CommandRun(code, err.toString(StandardCharsets.UTF_8), out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(oldErr);
            System.setOut(oldOut);
        }
    }

    /** The lines of standard error that are not the logger's. */
    List<String> messages() {
        return err.lines().filter(l -> !l.isBlank() && !l.startsWith("[")).toList();
    }
}
