package io.emojify.trainer.cli;

import io.emojify.trainer.export.Plots;
import io.emojify.trainer.train.KeptRun;
import io.emojify.trainer.train.TrainingState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code keep-half}: a run's newest weights in half precision, with its history, to keep while the run is unfinished. */
@Command(name = "keep-half", mixinStandardHelpOptions = true,
        description = "Write the newest checkpoint's weights of a run in half precision (FILE.half.ndlist, half the "
                + "size), its state (FILE.state.json: settings, history, schedule) and its curves (FILE.curves.png): "
                + "what a later machine needs to go on with train --continue FILE, or to export with export --kept FILE, "
                + "when the run folder is lost.")
public final class KeepHalfCommand implements Callable<Integer> {
    @Option(names = "--run", required = true, description = "The run folder") Path run;
    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "Where to write: FILE.half.ndlist, FILE.state.json, FILE.curves.png") Path out;

    @Override
    public Integer call() throws IOException {
        UserError.requireFolderOf(out, "--out");
        RunFolders.requireTrained(run, "--run");
        TrainingState state = KeptRun.write(run, out);
        Path weights = KeptRun.weightsFile(out);
        Plots.curves(state.history, out.resolveSibling(out.getFileName() + ".curves.png"));
        System.err.printf("Wrote %s (%d bytes): %s after epoch %d (best %.4f at epoch %d)%n", weights,
                Files.size(weights), state.config.architecture, state.epochsDone, state.bestAccuracy, state.bestEpoch);
        return 0;
    }
}
