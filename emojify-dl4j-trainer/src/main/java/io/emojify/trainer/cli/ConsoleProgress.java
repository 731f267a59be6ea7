package io.emojify.trainer.cli;

import io.emojify.trainer.train.ProgressReporter;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar on the console: redrawn in place on a terminal, one line per tenth of an epoch when the output is a file
 * (a background run's log).
 */
final class ConsoleProgress implements ProgressReporter {

    private final PrintStream out;
    private final boolean terminal;
    private int epoch;
    private int epochs;
    private int batches;
    private int lastTenth;
    private long start;

    ConsoleProgress(PrintStream out) {
        this.out = out;
        this.terminal = System.console() != null;
    }

    @Override
    public void startEpoch(int epoch, int epochs, int batches) {
        this.epoch = epoch;
        this.epochs = epochs;
        this.batches = batches;
        this.lastTenth = 0;
        this.start = System.nanoTime();
    }

    @Override
    public void batch(int done, double runningLoss, double samplesPerSecond) {
        int tenth = done * 10 / Math.max(1, batches);
        if (!terminal && tenth == lastTenth && done != batches) {
            return;
        }
        lastTenth = tenth;
        int width = 30;
        int filled = done * width / Math.max(1, batches);
        double elapsed = (System.nanoTime() - start) / 1e9;
        double left = done == 0 ? 0 : elapsed / done * (batches - done);
        String line = String.format(Locale.ROOT, "epoch %d/%d [%s%s] %d/%d loss %.4f %.0f img/s %ds left", epoch, epochs,
                "=".repeat(filled), " ".repeat(width - filled), done, batches, runningLoss, samplesPerSecond,
                (long) left);
        if (terminal) {
            out.print("\r" + line);
        } else {
            out.println(line);
        }
        out.flush();
    }

    @Override
    public void endEpoch(String summary) {
        if (terminal) {
            out.println();
        }
        out.println(summary);
        out.flush();
    }
}
