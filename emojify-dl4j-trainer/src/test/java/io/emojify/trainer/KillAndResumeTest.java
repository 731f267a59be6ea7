package io.emojify.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emojify.trainer.train.Checkpoints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kill -9} of a training process at a random point loses only the epoch in progress. */
class KillAndResumeTest {

    private static Process train(Path data, Path run, int epochs) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "-Dai.djl.offline=true",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", TrainerCommand.class.getName(), "train",
                "--data", data.toString(), "--run", run.toString(), "--epochs", String.valueOf(epochs),
                "--batch", "16", "--max-batches", "12")
                .redirectErrorStream(true).redirectOutput(run.resolveSibling(run.getFileName() + ".log").toFile())
                .start();
    }

    @Test
    void killedMidRunResumesToTheSameWeights(@TempDir Path tmp) throws Exception {
        Path data = SyntheticFaces.writeFolder(SyntheticFaces.make(30, 9), tmp.resolve("data"));
        Path straight = tmp.resolve("straight");
        Process p = train(data, straight, 3);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue());

        Path killed = tmp.resolve("killed");
        Process victim = train(data, killed, 3);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!Files.exists(killed.resolve("epoch-0001")) && System.nanoTime() < deadline && victim.isAlive()) {
            Thread.sleep(20);
        }
        Thread.sleep(300); // well into epoch 2
        assertTrue(victim.isAlive(), "the run was still training when it was killed");
        victim.destroyForcibly(); // SIGKILL
        assertTrue(victim.waitFor(1, TimeUnit.MINUTES));
        assertTrue(new Checkpoints(killed).latestValid().isPresent(), "a complete checkpoint survives the kill");
        assertFalse(Files.exists(killed.resolve("epoch-0003")), "the kill landed before the last epoch ended");

        Process resumed = train(data, killed, 3);
        assertTrue(resumed.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, resumed.exitValue(), Files.readString(tmp.resolve("killed.log")));
        assertArrayEquals(Files.readAllBytes(straight.resolve("epoch-0003/emotion.params")),
                Files.readAllBytes(killed.resolve("epoch-0003/emotion.params")),
                "the resumed run ends with the weights of the uninterrupted one");
    }
}
