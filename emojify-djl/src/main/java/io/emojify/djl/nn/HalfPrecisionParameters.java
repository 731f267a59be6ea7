package io.emojify.djl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A network's parameters in half precision: DJL's {@link NDList} encoding of one {@code FLOAT16} array per parameter, named
 * as the block names it (the files ending {@value #SUFFIX} that the trainer's {@code keep-half} writes and the accurate
 * model ships). Half the size of single precision; the weights read back differ from single-precision ones by up to one
 * part in 2,000. Read into a block in single precision, for engines that build the network (PyTorch); the ONNX graph of
 * such a model reads the same file's arrays as external data.
 */
public final class HalfPrecisionParameters {

    /** The file name ending that marks such a file. */
    public static final String SUFFIX = ".half.ndlist";

    private HalfPrecisionParameters() {}

    /**
     * @param file a parameters file
     * @return whether its name marks it as half precision
     */
    public static boolean isHalfPrecision(Path file) {
        return file.getFileName().toString().endsWith(SUFFIX);
    }

    /**
     * Reads half-precision parameters into an initialised block of the same architecture, in single precision.
     *
     * @param block an initialised block
     * @param manager the manager for the temporaries
     * @param file the file
     * @throws IOException if the file cannot be read or does not fit the block (the message names the parameter)
     */
    public static void load(Block block, NDManager manager, Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            load(block, manager, in, file.toString());
        }
    }

    /**
     * Reads half-precision parameters into an initialised block of the same architecture, in single precision.
     *
     * @param block an initialised block
     * @param manager the manager for the temporaries
     * @param in the encoded list
     * @param source the file's name, for messages
     * @throws IOException if the list cannot be read or does not fit the block (the message names the parameter)
     */
    public static void load(Block block, NDManager manager, InputStream in, String source) throws IOException {
        try (NDManager scope = manager.newSubManager()) {
            NDList list;
            try {
                list = NDList.decode(scope, in.readAllBytes());
            } catch (IllegalArgumentException e) {
                throw new IOException(source + " is not an encoded list of arrays: " + e.getMessage(), e);
            }
            Map<String, NDArray> byName = new HashMap<>();
            for (NDArray a : list) {
                byName.put(a.getName(), a);
            }
            for (Pair<String, Parameter> p : block.getParameters()) {
                NDArray saved = byName.remove(p.getKey());
                NDArray target = p.getValue().getArray();
                if (saved == null || !saved.getShape().equals(target.getShape())) {
                    throw new IOException(source + " does not fit the network: parameter " + p.getKey() + " is "
                            + (saved == null ? "missing" : saved.getShape() + ", the network has " + target.getShape()));
                }
                target.set(saved.toType(DataType.FLOAT32, false).toFloatArray());
            }
            if (!byName.isEmpty()) {
                throw new IOException(source + " has parameters the network does not: " + byName.keySet());
            }
        }
    }
}
