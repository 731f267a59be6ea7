package io.emojify.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emojify.djl.model.ModelCard;
import io.emojify.trainer.export.ModelExporter;
import io.emojify.trainer.train.Checkpoints;
import io.emojify.trainer.train.RunFolder;
import io.emojify.trainer.train.TrainingState;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that keep-half kept exports in one command ({@code export --kept FILE}); a run folder continued from it holds what
 * {@code export --run} reads (a checkpoint, the kept weights as its best) at once, even when no epoch is left to train;
 * {@code --max-batches} holds for a continued or resumed run; and the continued folder resumes exactly.
 */
class KeptRunTest {

    private static void ok(CommandRun r) {
        assertEquals(0, r.code(), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void aKeptRunExportsDirectlyAndThroughARunFolderContinuedFromItWithTheSameWeights(@TempDir Path dir)
            throws Exception {
        String data = SyntheticFaces.writeFolder(SyntheticFaces.make(8, 21), dir.resolve("data")).toString();
        Path first = dir.resolve("first");
        ok(CommandRun.of("train", "--data", data, "--run", first.toString(), "--epochs", "2", "--batch", "8",
                "--max-batches", "3"));
        Path kept = Files.createDirectories(dir.resolve("kept")).resolve("run");
        ok(CommandRun.of("keep-half", "--run", first.toString(), "--out", kept.toString()));

        // the finished run continued in a new folder: nothing left to train, yet the folder exports at once
        Path continued = dir.resolve("continued");
        ok(CommandRun.of("train", "--data", data, "--run", continued.toString(), "--continue", kept.toString(),
                "--epochs", "2"));
        assertTrue(new Checkpoints(continued).latestValid().isPresent(), "the kept epoch is the folder's checkpoint");
        ModelExporter.Network fromRun = ModelExporter.Network.ofRun(continued); // what export --run reads
        assertEquals(2, fromRun.state().epochsDone);
        CommandRun viaKept = CommandRun.of("export", "--kept", kept.toString(), "--data", data, "--out",
                dir.resolve("via-kept").toString());
        ok(viaKept);
        assertArrayEquals(Files.readAllBytes(fromRun.weights()),
                Files.readAllBytes(dir.resolve("via-kept/emotion.params")),
                "the continued run's best weights are the kept weights that export --kept exports");
        ModelCard card = io.emojify.djl.model.EmotionModel.open(dir.resolve("via-kept")).card();
        assertEquals(2, ((Number) card.training().get("epochs")).intValue());
        assertEquals(2, ((Number) card.training().get("bestEpoch")).intValue(), "the kept weights are the newest epoch's");
        assertTrue(Files.size(dir.resolve("via-kept/emotion.onnx")) > 100_000);

        // going on for one more epoch with --max-batches 1 runs one batch, not the kept run's three
        Path more = dir.resolve("more");
        CommandRun r = CommandRun.of("train", "--data", data, "--run", more.toString(), "--continue", kept.toString(),
                "--epochs", "3", "--max-batches", "1");
        ok(r);
        assertTrue(r.err().contains("epoch 3/3 [") && r.err().contains("] 1/1 loss"), r.err());
        TrainingState state = Checkpoints.readState(new Checkpoints(more).latestValid().orElseThrow());
        assertEquals(3, state.epochsDone);
        assertEquals(1, state.config.maxBatchesPerEpoch);
        assertEquals(8, state.config.batchSize, "the kept run's other settings hold");

        // the folder continued with nothing left to train resumes from the kept epoch (momentum zero) to the same weights
        ok(CommandRun.of("train", "--data", data, "--run", continued.toString(), "--epochs", "3", "--max-batches", "1"));
        assertArrayEquals(Files.readAllBytes(more.resolve("epoch-0003").resolve(RunFolder.PARAMS)),
                Files.readAllBytes(continued.resolve("epoch-0003").resolve(RunFolder.PARAMS)),
                "resuming a continued run folder gives the weights of a run continued without stopping");
    }

    @Test
    void theKeptDistilledCompactContinuesIntoARunFolderThatHoldsWhatExportReads(@TempDir Path dir) throws Exception {
        Path kept = Path.of("kept/distil-vgg");
        String data = SyntheticFaces.writeFolder(SyntheticFaces.make(2, 22), dir.resolve("data")).toString();
        Path run = dir.resolve("run");
        CommandRun r = CommandRun.of("train", "--data", data, "--run", run.toString(), "--continue", kept.toString(),
                "--epochs", "60");
        ok(r);
        TrainingState state = Checkpoints.readState(new Checkpoints(run).latestValid().orElseThrow());
        assertEquals(60, state.epochsDone);
        assertEquals(60, state.history.size());
        assertEquals(60, state.bestEpoch);
        assertTrue(Files.isRegularFile(run.resolve(RunFolder.BEST).resolve(RunFolder.PARAMS)));
    }
}
