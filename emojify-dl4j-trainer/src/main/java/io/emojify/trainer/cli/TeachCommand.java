package io.emojify.trainer.cli;

import io.emojify.EmojifyException;
import io.emojify.trainer.export.TeacherOutputs;
import io.emojify.trainer.train.SoftTargets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code teach}: writes a teacher's outputs for the training faces once, for train --teacher FILE. */
@Command(name = "teach", mixinStandardHelpOptions = true,
        description = "Write the soft targets of one or more exported models (their probabilities averaged) for every "
                + "training face, each model seeing the faces as it is validated (ten crops, or the face and its "
                + "mirror image), with their PublicTest accuracy: a small file that train --teacher FILE distils "
                + "from without running the teacher, whatever its input size.")
public final class TeachCommand implements Callable<Integer> {
    @Option(names = "--model", required = true,
            description = "Exported model folder; name several for an ensemble") List<Path> models;
    @Mixin DataOption data;
    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "The file to write (refused if it exists); by convention NAME" + SoftTargets.SUFFIX)
    Path out;
    @Mixin EngineOption engine;
    @Mixin LimitOption limit;

    @Override
    public Integer call() throws IOException {
        for (Path m : models) {
            UserError.requireFolder(m, "--model", "a model folder");
        }
        UserError.require(!Files.exists(out), "--out", out, "exists already; name a new file");
        UserError.requireFolderOf(out, "--out");
        int limitPerClass = limit.value();
        String eng = engine.resolve();
        DataOption.Splits faces = data.trainAndTest(limitPerClass);
        StringBuilder command = new StringBuilder("emojify-trainer teach");
        for (Path m : models) {
            command.append(" --model ").append(m);
        }
        command.append(" --data ").append(data.path()).append(" --out ").append(out);
        if (limitPerClass > 0) {
            command.append(" --limit-per-class ").append(limitPerClass);
        }
        SoftTargets targets;
        try {
            targets = TeacherOutputs.compute(models, eng, faces.train(), faces.test(), command.toString());
        } catch (EmojifyException e) {
            throw new UserError("--model: " + e.getMessage(), e);
        }
        UserError.require(!Files.exists(out), "--out", out, "appeared while the targets were computed; not overwritten");
        targets.write(out);
        System.out.printf(Locale.ROOT, "Wrote %s: %d training faces, %s; PublicTest accuracy %s (%s faces)%n",
                out, targets.faces(), targets, targets.publicTest().get("accuracy"), targets.publicTest().get("faces"));
        return 0;
    }
}
