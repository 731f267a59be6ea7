package io.emojify.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every subcommand ends a user error (a bad option value, a missing folder, a run without checkpoint, an unknown option)
 * in one line on standard error that names what was wrong, with exit code 2 and no stack trace; {@code --verbose} adds
 * the stack trace.
 */
class UserErrorsTest {

    /** A command line with a user error, and what its one line must name. */
    private record Case(String named, String... args) {}

    private static List<Case> cases(Path dir) throws Exception {
        Path data = SyntheticFaces.writeFolder(SyntheticFaces.make(1, 3), dir.resolve("data"));
        Path missing = dir.resolve("missing");
        Path emptyRun = Files.createDirectories(dir.resolve("empty-run"));
        Path model = Files.createDirectories(dir.resolve("not-a-model"));
        String d = data.toString();
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("'many'", "train", "--data", d, "--run", dir.resolve("r").toString(), "--epochs", "many"));
        cases.add(new Case(missing.toString(), "train", "--data", missing.toString(), "--run", dir.resolve("r").toString()));
        cases.add(new Case("--max-batches -1", "train", "--data", d, "--run", dir.resolve("r").toString(),
                "--max-batches", "-1"));
        cases.add(new Case(missing + ".state.json", "train", "--data", d, "--run", dir.resolve("r").toString(),
                "--continue", missing.toString()));
        cases.add(new Case("--nonsense", "train", "--nonsense", "--data", d, "--run", dir.resolve("r").toString()));
        cases.add(new Case("--run " + emptyRun + ": holds no valid checkpoint", "average", "--data", d, "--run",
                emptyRun.toString(), "--from", "1", "--out", dir.resolve("avg").toString()));
        cases.add(new Case("--from 0", "average", "--data", d, "--run", emptyRun.toString(), "--from", "0", "--out",
                dir.resolve("avg").toString()));
        cases.add(new Case("--run " + missing + ": no such file or folder", "keep-half", "--run", missing.toString(),
                "--out", dir.resolve("k").toString()));
        cases.add(new Case("--run " + emptyRun + ": holds no valid checkpoint", "export", "--run", emptyRun.toString(),
                "--data", d, "--out", dir.resolve("m").toString()));
        cases.add(new Case("--kept " + missing, "export", "--kept", missing.toString(), "--data", d, "--out",
                dir.resolve("m").toString()));
        cases.add(new Case("--data", "export", "--kept", missing.toString(), "--out", dir.resolve("m").toString()));
        cases.add(new Case("--engine TensorFlow", "teach", "--model", model.toString(), "--data", d, "--out",
                dir.resolve("t.soft-targets.json").toString(), "--engine", "TensorFlow"));
        cases.add(new Case("--engine TensorFlow", "evaluate", "--data", d, "--engine", "TensorFlow"));
        cases.add(new Case("--model " + missing + ": no such file or folder", "calibrate", "--data", d, "--model",
                missing.toString()));
        cases.add(new Case("--model " + model, "calibrate", "--data", d, "--model", model.toString()));
        cases.add(new Case("--margin 9.0", "evaluate-pipeline", "--data", d, "--margin", "9"));
        cases.add(new Case("--n 0", "framing", "--data", d, "--n", "0"));
        cases.add(new Case("--emotion-model big: Unknown emotion model 'big'; use compact or accurate", "evaluate",
                "--data", d, "--emotion-model", "big"));
        cases.add(new Case("--emotion-model", "evaluate", "--data", d, "--emotion-model", "accurate", "--model",
                model.toString()));
        cases.add(new Case("--emotion-model big", "evaluate-pipeline", "--data", d, "--emotion-model", "big"));
        cases.add(new Case("--vgg-model " + missing, "export-accurate", "--vgg-model", missing.toString(),
                "--half-precision", missing.toString(), "--data", d, "--out", dir.resolve("acc").toString()));
        return cases;
    }

    @Test
    void everySubcommandSaysAUserErrorInOneLineWithExitCodeTwo(@TempDir Path dir) throws Exception {
        List<String> covered = new ArrayList<>();
        for (Case c : cases(dir)) {
            String command = String.join(" ", c.args());
            CommandRun r = CommandRun.of(c.args());
            assertEquals(2, r.code(), command + ": " + r.err());
            assertEquals(1, r.messages().size(), command + " says one line: " + r.err());
            String line = r.messages().get(0);
            assertTrue(line.startsWith("emojify-trainer " + c.args()[0] + ": "), command + ": " + line);
            assertTrue(line.contains(c.named()), command + " names " + c.named() + ": " + line);
            assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), command + ": " + r.err());
            covered.add(c.args()[0]);
        }
        assertEquals(List.of("average", "calibrate", "evaluate", "evaluate-pipeline", "export", "export-accurate", "framing",
                "keep-half", "teach", "train"), covered.stream().distinct().sorted().toList(), "a case for every subcommand");
    }

    @Test
    void verboseAddsTheStackTrace(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing");
        CommandRun plain = CommandRun.of("export", "--kept", missing.toString(), "--data", dir.toString(), "--out",
                dir.resolve("m").toString());
        CommandRun verbose = CommandRun.of("export", "--verbose", "--kept", missing.toString(), "--data",
                dir.toString(), "--out", dir.resolve("m").toString());
        assertEquals(2, plain.code(), plain.err());
        assertEquals(2, verbose.code(), verbose.err());
        assertEquals(plain.messages().get(0), verbose.messages().get(0));
        assertFalse(plain.err().contains("\tat "), plain.err());
        assertTrue(verbose.err().contains("\tat "), verbose.err());
    }
}
