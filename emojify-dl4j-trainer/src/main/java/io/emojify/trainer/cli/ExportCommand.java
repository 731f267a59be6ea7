package io.emojify.trainer.cli;

import io.emojify.djl.model.ModelCard;
import io.emojify.trainer.export.ModelExporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code export}: writes a model folder (weights for both engines, model card, plots) from a run's best weights. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a run's best weights, or a run that keep-half kept (or several of either as one "
                + "ensemble), as a model folder (DJL parameters, ONNX, model card, plots).")
public final class ExportCommand implements Callable<Integer> {
    @Option(names = "--run", description = "Run folder written by train; name several to export an ensemble of their "
            + "best networks")
    List<Path> runs = new ArrayList<>();
    @Option(names = "--kept", paramLabel = "FILE", description = "A run that keep-half kept (FILE.half.ndlist and "
            + "FILE.state.json): its kept weights; with --run or several --kept, an ensemble member after the runs")
    List<Path> kept = new ArrayList<>();
    @Option(names = "--out", required = true, description = "Model folder to write") Path out;
    @Mixin DataOption data;
    @Option(names = "--name", defaultValue = "emojify-emotion-compact") String name;
    @Option(names = "--crop-scale", defaultValue = "1.0",
            description = "Crop side / detector box side, as measured for the detector") double cropScale;
    @Option(names = "--crop-shift-y", defaultValue = "0.0",
            description = "Crop centre shift below the box centre, in box heights") double cropShiftY;
    @Option(names = "--command", description = "The command that reproduces the run, for the model card")
    String command;

    @Override
    public Integer call() throws IOException {
        UserError.require(!runs.isEmpty() || !kept.isEmpty(), "--run", "or --kept", "name a run folder or a kept run");
        UserError.require(Double.isFinite(cropScale) && cropScale > 0, "--crop-scale", cropScale, "must be above 0");
        UserError.require(Double.isFinite(cropShiftY), "--crop-shift-y", cropShiftY, "must be a number");
        List<ModelExporter.Network> networks = new ArrayList<>();
        for (Path run : runs) {
            RunFolders.requireTrained(run, "--run");
            networks.add(network(() -> ModelExporter.Network.ofRun(run), "--run", run));
        }
        for (Path file : kept) {
            networks.add(network(() -> ModelExporter.Network.ofKept(file), "--kept", file));
        }
        UserError.require(!Files.isRegularFile(out), "--out", out, "is a file, not a folder");
        ModelExporter.Options o = new ModelExporter.Options();
        o.name = name;
        o.cropScale = cropScale;
        o.cropShiftY = cropShiftY;
        o.command = command;
        ModelCard card = ModelExporter.exportNetworks(networks, out, data.test(), o);
        System.out.println(card.toJson());
        return 0;
    }

    /** Reads a network to export, or says in one line which option named what cannot be read. */
    private static ModelExporter.Network network(NetworkSource source, String option, Path path) {
        try {
            return source.read();
        } catch (IOException e) {
            throw UserError.option(option, path, ErrorReport.describe(e));
        }
    }

    @FunctionalInterface
    private interface NetworkSource {
        ModelExporter.Network read() throws IOException;
    }
}
