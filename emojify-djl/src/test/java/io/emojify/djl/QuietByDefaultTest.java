package io.emojify.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emojify.testing.SharedData;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an application's log shows when it runs the README's snippet in a new JVM with slf4j-simple at its default level:
 * one INFO line from Emojify, no WARN (no CUDA probing on ONNX Runtime's CPU build, no second engine), the faces found;
 * and nothing left in the temporary folder when it has exited.
 */
class QuietByDefaultTest {

    @Test
    void theSnippetLogsOneLineOnOnnxRuntimeAndLeavesNoTemporaryFiles(@TempDir Path tmp)
            throws IOException, InterruptedException {
        List<String> log = runSnippet(tmp, "yunet", "faces=4");
        assertEquals(1, log.size(), "the log: " + log);
        assertTrue(log.get(0).contains("INFO io.emojify.Emojify - Emojify ready: face detector YuNet"), log.get(0));
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.collect(Collectors.toList()), "temporary files left behind");
        }
    }

    @Test
    void ultraFacesGraphLoadsWithoutOnnxRuntimesWarningPerWeight(@TempDir Path tmp)
            throws IOException, InterruptedException {
        List<String> log = runSnippet(tmp, "ultraface", "faces=4");
        assertEquals(1, log.size(), "the log: " + log);
        assertTrue(log.get(0).contains("Emojify ready: face detector UltraFace"), log.get(0));
    }

    /** Runs {@link QuietProbe} in a new JVM; checks its exit code and output; returns its log lines. */
    private static List<String> runSnippet(Path tmp, String detector, String expectedOutput)
            throws IOException, InterruptedException {
        Path models = SharedData.require("models");
        Path photo = SharedData.require("data/faces/photos/2.jpg");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // the class path of an application: this module's, without emojify-core's test fixtures (which register a
        // broken and an unavailable backend on purpose)
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !isCoreTestFixture(Path.of(e)))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Djava.io.tmpdir=" + tmp, "-cp", classPath,
                QuietProbe.class.getName(), models.toString(), "OnnxRuntime", detector, photo.toString()));
        Path logs = Files.createTempFile("quiet-probe", ".log"); // outside tmp, whose emptiness is checked
        Path out = Files.createTempFile("quiet-probe", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(logs.toFile()).redirectOutput(out.toFile());
            builder.environment().remove("JAVA_TOOL_OPTIONS"); // the JVM would announce it on standard error
            Process p = builder.start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("the child JVM did not finish in 120 s");
            }
            String stdout = Files.readString(out, StandardCharsets.UTF_8).trim();
            List<String> log = Files.readAllLines(logs, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
                    .collect(Collectors.toList());
            assertEquals(0, p.exitValue(), stdout + "\n" + log);
            assertEquals(expectedOutput, stdout);
            return log;
        } finally {
            Files.deleteIfExists(logs);
            Files.deleteIfExists(out);
        }
    }

    /** emojify-core's test-jar or test classes (fixtures that register a broken and an unavailable backend on purpose). */
    private static boolean isCoreTestFixture(Path entry) {
        String name = entry.getFileName() == null ? "" : entry.getFileName().toString();
        return name.startsWith("emojify-core-") && name.endsWith("-tests.jar")
                || entry.endsWith(Path.of("emojify-core", "target", "test-classes"));
    }
}
