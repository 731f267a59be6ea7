package io.emojify.cli;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Runs the {@code emojify} command for tests: in this JVM through picocli, or in a child JVM with its own settings. */
final class Cli {

    private Cli() {}

    /** What a run gave: the exit code and both output streams. */
    record Result(int code, String out, String err) {
        /** The lines of standard error that are the command's own (not the logger's, not the progress bar). */
        List<String> messages() {
            return err.lines().map(l -> l.substring(l.lastIndexOf('\r') + 1))
                    .filter(l -> l.startsWith("emojify:")).toList();
        }

        @Override
        public String toString() {
            return "exit code " + code + "\n--- stderr:\n" + err + "\n--- stdout:\n" + out;
        }
    }

    /** Runs the command in this JVM. */
    static Result run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = EmojifyCommand.run(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** @return true when this process runs as root, whom file permissions do not stop */
    static boolean isRoot(Path scratch) throws Exception {
        Path probe = Files.createTempFile(scratch, "uid", ".probe");
        try {
            return ((Integer) Files.getAttribute(probe, "unix:uid")) == 0;
        } finally {
            Files.delete(probe);
        }
    }

    /**
     * Runs the command in a child JVM (the test class path, the shared models).
     *
     * @param dir the working folder (standard output and error are kept there too)
     * @param env environment variables to set
     * @param jvmOptions options for the JVM, such as {@code -Xmx256m}
     * @param asUnprivileged when running as root, drop root's power to ignore file permissions (with {@code setpriv}), so
     *     that an unreadable or read-only folder is one for the command as well; the test is skipped when that cannot be done
     * @param args the command's arguments
     */
    static Result child(Path dir, Map<String, String> env, List<String> jvmOptions, boolean asUnprivileged,
            String... args) throws Exception {
        Process p = start(dir, env, jvmOptions, asUnprivileged, args);
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("the command did not finish in 3 minutes: " + p.info().commandLine().orElse("?"));
        }
        return result(dir, p.exitValue());
    }

    /**
     * Starts the command in a child JVM, as {@link #child} runs it, and returns at once.
     *
     * @return the running command; {@link #result} reads what it printed once it has ended
     */
    static Process start(Path dir, Map<String, String> env, List<String> jvmOptions, boolean asUnprivileged,
            String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        if (asUnprivileged && isRoot(dir)) {
            Path setpriv = Path.of("/usr/bin/setpriv");
            assumeTrue(Files.isExecutable(setpriv), "Skipped: running as root, who can read and write any folder, and "
                    + "setpriv (util-linux), which would drop that power for the command, is not installed");
            cmd.addAll(List.of(setpriv.toString(), "--bounding-set=-dac_override,-dac_read_search", "--"));
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true",
                "-Dai.djl.offline=true"));
        String models = System.getProperty("emojify.models");
        if (models != null) {
            cmd.add("-Demojify.models=" + models);
        }
        cmd.addAll(jvmOptions);
        // the command's own class path: the test class path without test classes (their test back-ends)
        String cp = Stream.of(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
                        .split(File.pathSeparator))
                .filter(e -> !e.endsWith("test-classes") && !e.endsWith("-tests.jar"))
                .collect(Collectors.joining(File.pathSeparator));
        cmd.addAll(List.of("-cp", cp, EmojifyCommand.class.getName()));
        cmd.addAll(List.of(args));
        Path out = dir.resolve("child.out");
        Path err = dir.resolve("child.err");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    /** What a child started in {@code dir} printed, with its exit code. */
    static Result result(Path dir, int code) throws Exception {
        // the child's output is in its locale's encoding: ASCII under LANG=C, UTF-8 otherwise (ISO-8859-1 keeps bytes)
        return new Result(code, Files.readString(dir.resolve("child.out"), StandardCharsets.ISO_8859_1),
                Files.readString(dir.resolve("child.err"), StandardCharsets.ISO_8859_1));
    }
}
