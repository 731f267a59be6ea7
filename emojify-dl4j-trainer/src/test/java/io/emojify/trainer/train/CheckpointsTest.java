package io.emojify.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsTest {

    @Test
    void checkpointNamesUseAsciiDigitsWhateverTheDefaultLocale(@TempDir Path tmp) throws Exception {
        Locale saved = Locale.getDefault();
        try {
            for (String tag : new String[] {"ar-EG", "hi-IN-u-nu-deva"}) {
                Locale.setDefault(Locale.forLanguageTag(tag));
                Path run = tmp.resolve(tag);
                Checkpoints checkpoints = new Checkpoints(run);
                TrainingState state = new TrainingState();
                state.epochsDone = 3;
                Path saved3 = checkpoints.save(state, dir -> Files.writeString(dir.resolve("w.bin"), "weights"));
                assertEquals(run.resolve("epoch-0003"), saved3, tag);
                assertEquals(saved3, checkpoints.latestValid().orElseThrow(), tag + ": the checkpoint is found again");
                assertEquals(3, Checkpoints.readState(saved3).epochsDone, tag);
            }
        } finally {
            Locale.setDefault(saved);
        }
    }
}
