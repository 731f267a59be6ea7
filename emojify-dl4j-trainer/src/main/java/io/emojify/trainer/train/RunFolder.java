package io.emojify.trainer.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a run keeps in its folder: a checkpoint per epoch ({@link Checkpoints}: weights, optimizer momentum, state), the
 * best weights so far under {@value #BEST}/, and with {@link TrainingConfig#keepWeights} every epoch's weights under
 * {@value #KEPT_WEIGHTS}/.
 */
public final class RunFolder {

    /** The file name of the weights in a checkpoint and in the best folder. */
    public static final String PARAMS = "emotion.params";
    /** The folder under the run folder that holds the best weights so far. */
    public static final String BEST = "best";
    /** The folder under the run folder that holds every epoch's weights when {@link TrainingConfig#keepWeights} is set. */
    public static final String KEPT_WEIGHTS = "weights";

    private static final String OPTIMIZER = "optimizer.ndlist";
    private static final String OPTIMIZER_NAMES = "optimizer.names";

    private final Path dir;
    private final Checkpoints checkpoints;

    /**
     * @param dir the run folder
     */
    public RunFolder(Path dir) {
        this.dir = dir;
        this.checkpoints = new Checkpoints(dir);
    }

    /**
     * Finds the checkpoint to resume from.
     *
     * @return the newest valid checkpoint, or empty
     * @throws IOException if the folder cannot be listed
     */
    public Optional<Path> latestCheckpoint() throws IOException {
        return checkpoints.latestValid();
    }

    /**
     * Gives a block the checkpoint's weights and the optimizer its momentum (none in the checkpoint that a continued run
     * starts with).
     *
     * @param checkpoint the checkpoint folder
     * @param block an initialised block of the run's architecture
     * @param manager the block's manager
     * @param optimizer the optimizer
     * @throws IOException if the checkpoint cannot be read
     */
    static void restore(Path checkpoint, Block block, NDManager manager, NesterovSgd optimizer) throws IOException {
        ParameterFiles.load(block, manager, checkpoint.resolve(PARAMS));
        List<String> names = Files.readAllLines(checkpoint.resolve(OPTIMIZER_NAMES));
        if (names.isEmpty()) { // a continued run's first checkpoint: the momentum starts from zero
            optimizer.restore(new NDList(), names);
            return;
        }
        try (NDManager tmp = manager.newSubManager()) {
            optimizer.restore(NDList.decode(tmp, Files.readAllBytes(checkpoint.resolve(OPTIMIZER))), names);
        }
    }

    /**
     * Writes the checkpoint of the state's last epoch: the block's weights, the optimizer's momentum and the state.
     *
     * @param state the state
     * @param block the block
     * @param optimizer the optimizer
     * @throws IOException if writing fails
     */
    void saveCheckpoint(TrainingState state, Block block, NesterovSgd optimizer) throws IOException {
        checkpoints.save(state, d -> {
            ParameterFiles.save(block, d.resolve(PARAMS));
            Files.write(d.resolve(OPTIMIZER), optimizer.state().encode());
            Files.write(d.resolve(OPTIMIZER_NAMES), optimizer.names(), StandardCharsets.UTF_8);
        });
    }

    /**
     * Writes the run's best weights so far, and the epoch and validation accuracy they reached.
     *
     * @param block the block
     * @param state the state, whose {@link TrainingState#bestAccuracy} they reached
     * @throws IOException if writing fails
     */
    void saveBest(Block block, TrainingState state) throws IOException {
        Path best = dir.resolve(BEST);
        Files.createDirectories(best);
        ParameterFiles.save(block, best.resolve(PARAMS));
        Files.writeString(best.resolve("epoch.txt"), state.epochsDone + " " + state.bestAccuracy + "\n");
    }

    /**
     * Keeps an epoch's weights (for {@code average}).
     *
     * @param block the block
     * @param epoch the 1-based epoch
     * @throws IOException if writing fails
     */
    void keepEpochWeights(Block block, int epoch) throws IOException {
        Path kept = keptWeights(dir, epoch);
        Files.createDirectories(kept.getParent());
        ParameterFiles.save(block, kept);
    }

    /**
     * Where a run that keeps every epoch's weights ({@link TrainingConfig#keepWeights}) puts those of one epoch.
     *
     * @param runDir the run folder
     * @param epoch the 1-based epoch
     * @return the parameters file
     */
    public static Path keptWeights(Path runDir, int epoch) {
        return runDir.resolve(KEPT_WEIGHTS).resolve(String.format(Locale.ROOT, "epoch-%04d.params", epoch));
    }
}
