package io.emojify.trainer.cli;

import io.emojify.trainer.train.Checkpoints;
import java.io.IOException;
import java.nio.file.Path;

/** Checks of a run folder that a command reads, so that it is refused in one line before any work. */
final class RunFolders {

    private RunFolders() {}

    /**
     * Checks that an option names a run folder that holds a valid checkpoint.
     *
     * @param run the folder
     * @param option the option that names it
     */
    static void requireTrained(Path run, String option) {
        UserError.requireFolder(run, option, "a run folder");
        try {
            if (new Checkpoints(run).latestValid().isEmpty()) {
                throw UserError.option(option, run, "holds no valid checkpoint; train it first");
            }
        } catch (IOException e) {
            throw UserError.option(option, run, ErrorReport.describe(e));
        }
    }
}
