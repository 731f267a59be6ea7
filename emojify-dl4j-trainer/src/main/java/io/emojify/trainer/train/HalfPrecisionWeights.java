package io.emojify.trainer.train;

import io.emojify.io.AtomicFiles;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;

import ai.djl.util.Pair;
import io.emojify.djl.nn.HalfPrecisionParameters;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A network's weights in half precision, every parameter by name (batch-norm statistics included), in DJL's NDList
 * format: half the size of the parameters file, small enough to keep with the project while a long run is unfinished, and
 * read back into a block of the same architecture with {@code train --init FILE}. Half precision keeps about three
 * significant digits, so the weights read back differ from the originals by up to 1 part in 2,000.
 */
public final class HalfPrecisionWeights {

    /** The file name ending that marks such a file. */
    public static final String SUFFIX = HalfPrecisionParameters.SUFFIX;
    /** What {@code keep-half} names the run's state kept beside the weights ({@code FILE.state.json}). */
    public static final String STATE_SUFFIX = ".state.json";

    private HalfPrecisionWeights() {}

    /**
     * Writes a block's parameters in half precision, atomically.
     *
     * @param block an initialised block
     * @param file the file to write (its name should end with {@link #SUFFIX})
     * @throws IOException if writing fails
     */
    public static void save(Block block, Path file) throws IOException {
        NDList list = new NDList();
        try {
            for (Pair<String, Parameter> p : block.getParameters()) {
                NDArray half = p.getValue().getArray().toType(DataType.FLOAT16, true);
                half.setName(p.getKey());
                list.add(half);
            }
            byte[] encoded = list.encode();
            AtomicFiles.write(file, AtomicFiles.Existing.REPLACE, out -> out.write(encoded));
        } finally {
            list.close();
        }
    }

    /**
     * Reads weights written by {@link #save} into a block of the same architecture.
     *
     * @param block an initialised block
     * @param manager the manager for the temporaries
     * @param file the file
     * @throws IOException if the file cannot be read or does not fit the block (the message names the parameter)
     */
    public static void load(Block block, NDManager manager, Path file) throws IOException {
        HalfPrecisionParameters.load(block, manager, file);
    }
}
