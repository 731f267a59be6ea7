package io.emojify.trainer.cli;

import picocli.CommandLine.Option;

/** {@code --limit-per-class N}: the first N faces (or images) of each class only, for short runs and quick looks. */
public final class LimitOption {

    @Option(names = "--limit-per-class", defaultValue = "0", paramLabel = "N",
            description = "Keep at most N faces of each class (0, the default: all)")
    int limitPerClass;

    /** @return the limit, checked: 0 (all) or more */
    int value() {
        UserError.require(limitPerClass >= 0, "--limit-per-class", limitPerClass, "must be 0 (all) or more");
        return limitPerClass;
    }
}
