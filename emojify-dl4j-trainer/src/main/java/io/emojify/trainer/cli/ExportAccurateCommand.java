package io.emojify.trainer.cli;

import io.emojify.djl.emotion.EmotionModels;
import io.emojify.trainer.export.AccurateModelWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code export-accurate}: writes the accurate model's folder (what {@code emojify-model-accurate} ships) from an exported
 * VGG and its kept half-precision weights, and measures the ensemble on PublicTest.
 */
@Command(name = "export-accurate", mixinStandardHelpOptions = true,
        description = "Write the accurate model (the VGG on ten crops with the shipped compact model on the face and its "
                + "mirror) as emojify-model-accurate ships it: the ensemble card, and the VGG's card and ONNX graph, which "
                + "read the kept half-precision weights in place; the ensemble measured on PublicTest.")
public final class ExportAccurateCommand implements Callable<Integer> {
    @Option(names = "--vgg-model", required = true, paramLabel = "DIR",
            description = "The VGG as export wrote it from the kept run (its card: provenance, metrics, temperature)")
    Path vgg;
    @Option(names = "--half-precision", required = true, paramLabel = "FILE",
            description = "The same run's kept weights (keep-half's FILE.half.ndlist)")
    Path half;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder to write (created)")
    Path out;
    @Mixin DataOption data;

    @Override
    public Integer call() throws IOException {
        UserError.requireFolder(vgg, "--vgg-model", "a model folder written by export");
        UserError.require(Files.isRegularFile(half), "--half-precision", half, "is not a file");
        UserError.require(!Files.isRegularFile(out), "--out", out, "is a file, not a folder");
        Files.createDirectories(out);
        String command = "export-accurate --vgg-model " + vgg + " --half-precision " + half + " --data "
                + data.data + " --out " + out;
        Map<String, Object> card = AccurateModelWriter.write(vgg, half, data.test(), out, command);
        System.out.println("Wrote " + out.resolve(EmotionModels.ENSEMBLE_FILE) + ": PublicTest "
                + ((Map<?, ?>) ((Map<?, ?>) card.get("metrics")).get("publicTest")).get("accuracy"));
        return 0;
    }
}
