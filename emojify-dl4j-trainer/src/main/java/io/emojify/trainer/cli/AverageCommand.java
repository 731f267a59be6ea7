package io.emojify.trainer.cli;

import io.emojify.trainer.train.AveragedRun;
import io.emojify.trainer.train.TrainingState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code average}: stochastic weight averaging of a run's kept weights into a new run folder. */
@Command(name = "average", mixinStandardHelpOptions = true,
        description = "Average a run's weights over a range of epochs (stochastic weight averaging; the run must "
                + "have been trained with --keep-weights), measure the batch-norm statistics again and write a run "
                + "folder that export reads.")
public final class AverageCommand implements Callable<Integer> {
    @Mixin DataOption data;
    @Option(names = "--run", required = true, description = "The run folder whose kept weights are averaged")
    Path run;
    @Option(names = "--from", required = true, description = "First epoch to average") int from;
    @Option(names = "--to", defaultValue = "0", description = "Last epoch to average (default: the run's last)")
    int to;
    @Option(names = "--out", required = true, description = "Run folder to write") Path out;

    @Override
    public Integer call() throws IOException {
        UserError.require(from >= 1, "--from", from, "must be 1 or more");
        UserError.require(to == 0 || to >= from, "--to", to, "must be 0 (the run's last epoch) or --from or more");
        RunFolders.requireTrained(run, "--run");
        DataOption.Splits faces = data.trainAndTest(0);
        TrainingState state = AveragedRun.create(run, from, to, out, faces.train(), faces.test(),
                faces.trainChecksum(), faces.testChecksum());
        System.err.printf("Averaged epochs %d-%d of %s: validation accuracy %.4f; written to %s%n", from,
                state.epochsDone, run, state.bestAccuracy, out);
        return 0;
    }
}
