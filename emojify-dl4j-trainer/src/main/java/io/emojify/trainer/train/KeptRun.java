package io.emojify.trainer.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.emojify.djl.nn.EmotionNetworks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A run kept small enough to live with the project ({@code keep-half}): the newest checkpoint's weights in half
 * precision ({@code FILE.half.ndlist}) and the run's state ({@code FILE.state.json}: settings, history, schedule), both
 * named by a common prefix {@code FILE}. {@code train --continue FILE} goes on with it; {@code export --kept FILE} exports
 * it.
 */
public final class KeptRun {

    private final Path prefix;
    private final TrainingState state;

    private KeptRun(Path prefix, TrainingState state) {
        this.prefix = prefix;
        this.state = state;
    }

    /**
     * Names the weights file of a kept run.
     *
     * @param prefix the common prefix
     * @return {@code prefix.half.ndlist}
     */
    public static Path weightsFile(Path prefix) {
        return prefix.resolveSibling(prefix.getFileName() + HalfPrecisionWeights.SUFFIX);
    }

    /**
     * Names the state file of a kept run.
     *
     * @param prefix the common prefix
     * @return {@code prefix.state.json}
     */
    public static Path stateFile(Path prefix) {
        return prefix.resolveSibling(prefix.getFileName() + HalfPrecisionWeights.STATE_SUFFIX);
    }

    /**
     * Reads a kept run's state and checks that its weights are there. Its best epoch becomes the newest (the one whose
     * weights were kept); an earlier best stays in the history.
     *
     * @param prefix the common prefix of the two files
     * @return the kept run
     * @throws IOException naming the file that is missing or not a training state
     */
    public static KeptRun read(Path prefix) throws IOException {
        Path stateFile = stateFile(prefix);
        for (Path p : List.of(stateFile, weightsFile(prefix))) {
            if (!Files.isRegularFile(p)) {
                throw new IOException(p + " is missing (keep-half writes it)");
            }
        }
        TrainingState state;
        try {
            state = Checkpoints.readStateFile(stateFile);
        } catch (RuntimeException e) {
            throw new IOException(stateFile + " is not a training state: " + e.getMessage(), e);
        }
        if (state == null || state.config == null || state.history == null || state.config.architecture == null) {
            throw new IOException(stateFile + " is not a training state");
        }
        if (!state.history.isEmpty()) {
            state.bestAccuracy = state.history.get(state.history.size() - 1).validationAccuracy;
            state.bestEpoch = state.epochsDone;
        }
        return new KeptRun(prefix, state);
    }

    /**
     * Keeps a run's newest valid checkpoint: its weights in half precision and its state.
     *
     * @param runDir the run folder
     * @param prefix the common prefix of the files to write (its folder must exist)
     * @return the state kept
     * @throws IOException if the run has no valid checkpoint or writing fails
     */
    public static TrainingState write(Path runDir, Path prefix) throws IOException {
        Path newest = new Checkpoints(runDir).latestValid()
                .orElseThrow(() -> new IOException(runDir + " holds no valid checkpoint"));
        TrainingState state = Checkpoints.readState(newest);
        String arch = state.config.architecture;
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            Block block = EmotionNetworks.build(arch);
            int side = EmotionNetworks.inputSize(arch);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, side, side));
            ParameterFiles.load(block, manager, newest.resolve(RunFolder.PARAMS));
            HalfPrecisionWeights.save(block, weightsFile(prefix));
        }
        Files.copy(newest.resolve(Checkpoints.STATE), stateFile(prefix), StandardCopyOption.REPLACE_EXISTING);
        return state;
    }

    /** @return the common prefix of the kept files */
    public Path prefix() {
        return prefix;
    }

    /** @return the half-precision weights file */
    public Path weights() {
        return weightsFile(prefix);
    }

    /** @return the kept state, its best epoch the newest */
    public TrainingState state() {
        return state;
    }
}
