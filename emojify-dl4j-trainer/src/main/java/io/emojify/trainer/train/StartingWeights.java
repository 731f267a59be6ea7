package io.emojify.trainer.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The weights a new run starts from: trained ones ({@link TrainingConfig#initialWeights}: {@code --init}, or the kept
 * weights of {@code --continue}), else the configured random initialisation (DJL's, or PyTorch's defaults).
 */
final class StartingWeights {

    private static final Logger LOG = LoggerFactory.getLogger(StartingWeights.class);

    private StartingWeights() {}

    /**
     * Gives a new run's block its starting weights, and records the checksum of trained ones in the settings.
     *
     * @param block the initialised block
     * @param manager its manager
     * @param cfg the run's settings
     * @throws IOException if the trained weights cannot be read
     */
    static void apply(Block block, NDManager manager, TrainingConfig cfg) throws IOException {
        if (cfg.initialWeights != null) {
            Path weights = ParameterFiles.resolve(Path.of(cfg.initialWeights));
            cfg.initialWeightsChecksum = Checkpoints.sha256(weights);
            ParameterFiles.load(block, manager, weights);
            LOG.info("Starting from the weights in {} (SHA-256 {})", weights, cfg.initialWeightsChecksum);
        } else if (TrainingConfig.INIT_PYTORCH.equals(cfg.initialisation)) {
            int drawn = PyTorchInitialisation.apply(block, manager);
            LOG.info("PyTorch's default initialisation of {} weight tensors and their biases", drawn);
        } else if (cfg.initialisation != null && !TrainingConfig.INIT_DJL.equals(cfg.initialisation)) {
            throw new IllegalArgumentException("Unknown initialisation '" + cfg.initialisation + "'; known: "
                    + TrainingConfig.INIT_DJL + ", " + TrainingConfig.INIT_PYTORCH);
        }
    }

    /**
     * Marks every parameter that learns as needing its gradient.
     *
     * @param block the block
     */
    static void makeTrainable(Block block) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                p.getValue().getArray().setRequiresGradient(true);
            }
        }
    }
}
