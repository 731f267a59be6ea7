package io.emojify.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trainer's command line refuses bad arguments and unusable data in one line, before any work. */
class TrainerCommandTest {

    private static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    @Test
    void badTrainingOptionsAreRefusedBeforeAnyWorkNamingTheOptionAndValue(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path runDir = dir.resolve("run");
        List<String[]> cases = List.of(
                new String[] {"--batch", "0"}, new String[] {"--batch", "-1"}, new String[] {"--lr", "-1"},
                new String[] {"--lr", "NaN"}, new String[] {"--arch", "nonsense"}, new String[] {"--schedule", "nonsense"},
                new String[] {"--time-budget", "-1"}, new String[] {"--crops-per-face", "3"},
                new String[] {"--initialisation", "nonsense"});
        for (String[] bad : cases) {
            CommandRun r = run("train", "--data", data.toString(), "--run", runDir.toString(), bad[0], bad[1]);
            assertEquals(2, r.code(), String.join(" ", bad) + ": " + r.err());
            assertEquals(1, r.messages().size(), "one line: " + r.err());
            String line = r.messages().get(0);
            assertTrue(line.contains(bad[0] + " " + bad[1]), line);
            assertFalse(r.err().contains("\tat "), r.err());
            assertFalse(Files.exists(runDir), "no work was done for " + String.join(" ", bad));
        }
    }

    @Test
    void evaluateOnUnusableDataSaysWhatIsWrongInOneLineAndNeverSucceeds(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path noClasses = Files.createDirectories(dir.resolve("no-classes"));
        Files.writeString(noClasses.resolve("notes.txt"), "faces go here");
        Files.createDirectories(noClasses.resolve("pictures"));
        Path nonImages = Files.createDirectories(dir.resolve("non-images"));
        Files.createDirectories(nonImages.resolve("happy"));
        Files.writeString(nonImages.resolve("happy/notes.jpg"), "not an image");
        Files.writeString(nonImages.resolve("happy/readme.txt"), "not an image either");
        Path headerOnly = Files.writeString(dir.resolve("fer2013.csv"), "emotion,pixels,Usage\n");
        Object[][] cases = {
            {missing, 2, "no such file or folder"},
            {empty, 2, "no class folder"},
            {noClasses, 2, "no class folder"},
            {nonImages, 2, "no usable image"},
            {headerOnly, 2, "no usable PublicTest row"},
        };
        for (Object[] c : cases) {
            for (String command : List.of("evaluate", "evaluate-pipeline")) {
                if (command.equals("evaluate-pipeline") && (c[2].equals("no usable image") || c[0] == headerOnly)) {
                    continue; // evaluate-pipeline reads folders only, and loads the models before reading images
                }
                CommandRun r = run(command, "--data", c[0].toString());
                assertEquals(c[1], r.code(), command + " " + c[0] + ": " + r.err());
                assertEquals(1, r.messages().stream().filter(l -> l.startsWith("emojify-trainer " + command)).count(),
                        r.err());
                String line = r.messages().stream().filter(l -> l.startsWith("emojify-trainer " + command)).findFirst()
                        .orElseThrow();
                assertTrue(line.contains(c[0].toString()) && line.contains((String) c[2]), line);
                assertFalse(r.err().contains("\tat "), r.err());
                assertFalse(r.out().contains("\"n\""), "no result is printed: " + r.out());
            }
        }
    }

    @Test
    void teachRefusesAMissingModelAndNeverOverwritesAnExistingFile(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path model = Files.createDirectories(dir.resolve("model"));
        Path existing = Files.writeString(dir.resolve("kept.soft-targets.json"), "the user's file");
        CommandRun overwrite = run("teach", "--model", model.toString(), "--data", data.toString(), "--out",
                existing.toString());
        assertEquals(2, overwrite.code(), overwrite.err());
        assertEquals(List.of("emojify-trainer teach: --out " + existing + ": exists already; name a new file"),
                overwrite.messages());
        assertEquals("the user's file", Files.readString(existing));
        Path out = dir.resolve("new.soft-targets.json");
        CommandRun missing = run("teach", "--model", dir.resolve("nowhere").toString(), "--data", data.toString(), "--out",
                out.toString());
        assertEquals(2, missing.code(), missing.err());
        assertEquals(List.of("emojify-trainer teach: --model " + dir.resolve("nowhere") + ": no such file or folder"),
                missing.messages());
        CommandRun noFolder = run("teach", "--model", model.toString(), "--data", data.toString(), "--out",
                dir.resolve("no/such/folder.json").toString());
        assertEquals(2, noFolder.code(), noFolder.err());
        assertTrue(noFolder.messages().get(0).contains("its folder does not exist"), noFolder.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void keepHalfKeepsWhatTrainContinueGoesOnFromInANewRunFolder(@TempDir Path dir) throws Exception {
        io.emojify.trainer.train.TrainingConfig c = new io.emojify.trainer.train.TrainingConfig();
        c.architecture = "compact";
        c.epochs = 2;
        c.batchSize = 16;
        c.maxBatchesPerEpoch = 2;
        c.trainData = "synthetic";
        c.validationData = "synthetic";
        io.emojify.trainer.data.FaceSet faces = SyntheticFaces.make(6, 5);
        Path runDir = dir.resolve("run");
        new io.emojify.trainer.train.Trainer(c, runDir, QUIET_PROGRESS).run(faces, faces, "t", "v");
        Path out = dir.resolve("kept/compact");
        Path emptyRun = Files.createDirectories(dir.resolve("empty-run"));
        CommandRun noCheckpoint = run("keep-half", "--run", emptyRun.toString(), "--out", dir.resolve("x").toString());
        assertEquals(2, noCheckpoint.code(), noCheckpoint.err());
        assertEquals(List.of("emojify-trainer keep-half: --run " + emptyRun + ": holds no valid checkpoint; train it first"),
                noCheckpoint.messages(), noCheckpoint.err());
        CommandRun noFolder = run("keep-half", "--run", runDir.toString(), "--out", out.toString());
        assertEquals(2, noFolder.code(), noFolder.err());
        assertEquals(List.of("emojify-trainer keep-half: --out " + out + ": its folder does not exist"),
                noFolder.messages(), noFolder.err());
        assertFalse(Files.exists(out.getParent()));
        Files.createDirectories(out.getParent());
        CommandRun r = run("keep-half", "--run", runDir.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        Path weights = dir.resolve("kept/compact.half.ndlist");
        assertTrue(Files.size(weights) > 100_000, "weights: " + Files.size(weights));
        assertTrue(Files.size(dir.resolve("kept/compact.curves.png")) > 1000);
        io.emojify.trainer.train.TrainingState state = new com.google.gson.Gson().fromJson(
                Files.readString(dir.resolve("kept/compact.state.json")), io.emojify.trainer.train.TrainingState.class);
        assertEquals(2, state.epochsDone);
        assertEquals(2, state.history.size());

        // a new machine goes on from what was kept: the epochs, history and rate continue in a new run folder
        io.emojify.trainer.train.TrainingConfig more = new io.emojify.trainer.train.TrainingConfig();
        more.architecture = null; // the kept run's
        more.epochs = 3;
        more.trainData = "synthetic";
        more.validationData = "synthetic";
        more.continuedFrom = out.toString();
        io.emojify.trainer.train.TrainingState after = new io.emojify.trainer.train.Trainer(more, dir.resolve("again"),
                QUIET_PROGRESS).run(faces, faces, "t", "v");
        assertEquals(3, after.epochsDone);
        assertEquals(List.of(1, 2, 3), after.history.stream().map(e -> e.epoch).collect(Collectors.toList()));
        assertEquals(state.history.get(1).validationAccuracy, after.history.get(1).validationAccuracy);
        assertEquals(out.toString(), after.config.continuedFrom);
        assertEquals(weights.toString(), after.config.initialWeights);
        assertEquals(16, after.config.batchSize, "the kept run's settings, not the new config's defaults");
        assertEquals("compact", after.config.architecture);
        assertTrue(Files.isRegularFile(dir.resolve("again").resolve(io.emojify.trainer.train.RunFolder.BEST)
                .resolve(io.emojify.trainer.train.RunFolder.PARAMS)), "a continued run has best weights to export");

        more.continuedFrom = dir.resolve("kept/nothing").toString();
        java.io.IOException missing = assertThrows(java.io.IOException.class, () -> new io.emojify.trainer.train
                .Trainer(more, dir.resolve("again2"), QUIET_PROGRESS).run(faces, faces, "t", "v"));
        assertTrue(missing.getMessage().contains(dir.resolve("kept/nothing.state.json") + " is missing"),
                missing.getMessage());

        Files.writeString(dir.resolve("kept/broken.state.json"), "{\"config\": [1, 2]");
        Files.copy(weights, dir.resolve("kept/broken.half.ndlist"));
        more.continuedFrom = dir.resolve("kept/broken").toString();
        java.io.IOException broken = assertThrows(java.io.IOException.class, () -> new io.emojify.trainer.train
                .Trainer(more, dir.resolve("again3"), QUIET_PROGRESS).run(faces, faces, "t", "v"));
        assertTrue(broken.getMessage().contains("is not a training state"), broken.getMessage());
    }

    private static final io.emojify.trainer.train.ProgressReporter QUIET_PROGRESS =
            io.emojify.trainer.train.ProgressReporter.none();
}
