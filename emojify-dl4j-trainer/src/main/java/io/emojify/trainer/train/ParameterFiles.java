package io.emojify.trainer.train;

import io.emojify.io.AtomicFiles;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A network's weights on disk: DJL's parameters format, or half precision ({@link HalfPrecisionWeights}). */
public final class ParameterFiles {

    private ParameterFiles() {}

    /**
     * Writes a block's parameters in DJL's format, atomically ({@link AtomicFiles}).
     *
     * @param block the block
     * @param file the file
     * @throws IOException if writing fails
     */
    public static void save(Block block, Path file) throws IOException {
        AtomicFiles.write(file, AtomicFiles.Existing.REPLACE, out -> {
            DataOutputStream data = new DataOutputStream(out);
            block.saveParameters(data);
            data.flush();
        });
    }

    /**
     * Reads a block's parameters in DJL's format, or in half precision from a file named {@code *.half.ndlist}
     * ({@link HalfPrecisionWeights}).
     *
     * @param block an initialised block of the same architecture
     * @param manager the manager that owns the parameters
     * @param file the file
     * @throws IOException if reading fails
     */
    public static void load(Block block, NDManager manager, Path file) throws IOException {
        if (file.getFileName().toString().endsWith(HalfPrecisionWeights.SUFFIX)) {
            HalfPrecisionWeights.load(block, manager, file);
            return;
        }
        try (InputStream is = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(is))) {
            block.loadParameters(manager, in);
        } catch (ai.djl.MalformedModelException e) {
            throw new IOException("Malformed parameters in " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Finds the weights a path names: a parameters file itself, a run folder's best weights, or a model folder's weights.
     *
     * @param path a file or folder
     * @return the parameters file
     * @throws IOException if the path holds no weights
     */
    public static Path resolve(Path path) throws IOException {
        if (Files.isRegularFile(path)) {
            return path;
        }
        for (Path candidate : List.of(path.resolve(RunFolder.BEST).resolve(RunFolder.PARAMS),
                path.resolve(RunFolder.PARAMS))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IOException("No weights at " + path + ": expected a parameters file, a run folder with "
                + RunFolder.BEST + "/" + RunFolder.PARAMS + ", or a model folder with " + RunFolder.PARAMS);
    }
}
