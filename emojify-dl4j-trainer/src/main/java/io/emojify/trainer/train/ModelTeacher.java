package io.emojify.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.emojify.djl.model.EmotionModel;
import io.emojify.djl.nn.EmotionNetworks;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A trained model (any exported model folder, an ensemble included) as a {@link Teacher}: it runs forward, in inference
 * mode (batch norm on its running statistics, no dropout), on the same augmented batch the student sees, so it must take
 * the student's input size. Its weights live in their own manager, released by {@link #close()}. Not thread-safe: the
 * training loop calls it from one thread.
 */
public final class ModelTeacher implements Teacher {

    private final NDManager manager;
    private final Block block;
    private final ParameterStore store;
    private final String description;
    private final Path parametersFile;

    private ModelTeacher(NDManager manager, Block block, String description, Path parametersFile) {
        this.manager = manager;
        this.block = block;
        this.store = new ParameterStore(manager, false);
        this.description = description;
        this.parametersFile = parametersFile;
    }

    /**
     * Loads a model folder as a teacher for a student of the given input size.
     *
     * @param folder an exported model folder (model card and DJL parameters)
     * @param parent the manager under which the teacher's weights are kept
     * @param studentSide the student's input side in pixels; the teacher must take the same input
     * @return the teacher
     * @throws IOException if the folder cannot be read or does not fit the student
     */
    public static ModelTeacher open(Path folder, NDManager parent, int studentSide) throws IOException {
        EmotionModel model;
        try {
            model = EmotionModel.open(folder);
        } catch (RuntimeException e) {
            throw new IOException("Cannot read the teacher model folder " + folder + ": " + e.getMessage(), e);
        }
        String arch = model.card().architecture();
        int side = EmotionNetworks.inputSize(arch);
        if (side != studentSide) {
            throw new IOException("The teacher " + folder + " (" + arch + ") takes " + side + "x" + side
                    + " faces; the student takes " + studentSide + "x" + studentSide + " (write the teacher's outputs with "
                    + "teach and distil from that file)");
        }
        NDManager manager = parent.newSubManager();
        try {
            Block block = EmotionNetworks.build(arch);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, side, side));
            ParameterFiles.load(block, manager, model.parametersFile());
            block.freezeParameters(true);
            return new ModelTeacher(manager, block, model.card().name() + " (" + arch + ")", model.parametersFile());
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    @Override
    public NDArray logits(NDArray x, int[] faces) {
        NDArray out = block.forward(store, new NDList(x), false).singletonOrThrow();
        out.attach(x.getManager());
        return out;
    }

    /**
     * @return the SHA-256 of the teacher's weights file
     * @throws IOException if it cannot be read
     */
    @Override
    public String checksum() throws IOException {
        return Checkpoints.sha256(parametersFile);
    }

    /**
     * @return the model's name and architecture, for logs
     */
    @Override
    public String toString() {
        return description;
    }

    @Override
    public void close() {
        manager.close();
    }
}
