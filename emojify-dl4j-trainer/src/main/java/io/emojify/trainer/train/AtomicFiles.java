package io.emojify.trainer.train;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The trainer's one way of writing a file that others read (weights, ONNX graphs, model cards): to a {@code .NAME.part}
 * sibling, then moved into place, so that a reader never sees half a file and a failed write leaves the old file as it
 * was. A plain sibling rather than {@code Files.createTempFile}, whose owner-only permissions the file would keep.
 */
public final class AtomicFiles {

    /** Writes a file's content to a stream. */
    @FunctionalInterface
    public interface Content {
        /**
         * Writes the content.
         *
         * @param out the stream (closed by the caller)
         * @throws IOException if writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {}

    /**
     * Writes a file atomically.
     *
     * @param file the file to write or replace
     * @param content what to write
     * @throws IOException if writing or the move fails (the temporary file is removed)
     */
    public static void write(Path file, Content content) throws IOException {
        Path tmp = file.toAbsolutePath().resolveSibling("." + file.getFileName() + ".part");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                content.writeTo(out);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Writes a text file atomically, in UTF-8.
     *
     * @param file the file to write or replace
     * @param text the text
     * @throws IOException if writing or the move fails
     */
    public static void writeString(Path file, String text) throws IOException {
        write(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }
}
