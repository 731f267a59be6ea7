package io.emojify.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * The library's one way of writing a file that others read (results, videos, weights, model cards): the content goes to
 * a temporary file in the target's folder, which is then put in place in one step, so that a reader never sees half a
 * file and a failed write leaves whatever was there before as it was.
 *
 * <p>The temporary file is a plain new file (not {@code Files.createTempFile}, whose owner-only permissions the result
 * would keep), named {@code .emojify-<random>.part} so that a name the locale cannot spell is never needed, and it is
 * deleted when anything fails. Putting it in place either replaces an existing file ({@link Existing#REPLACE}, an atomic
 * move) or refuses to ({@link Existing#REFUSE}, a hard link, which fails when the name is taken, even by a file that
 * appeared a moment ago).
 *
 * <pre>{@code
 * AtomicFiles.write(Path.of("out/a.png"), AtomicFiles.Existing.REFUSE, out -> ImageIO.write(image, "png", out));
 * }</pre>
 *
 * <p>Folders are not created: the target's folder must exist.
 */
public final class AtomicFiles {

    /** What to do when the target exists. */
    public enum Existing {
        /** Replace it (an atomic move over it). */
        REPLACE,
        /** Leave it and fail with a {@link FileAlreadyExistsException} naming it. */
        REFUSE
    }

    /** Writes a file's content to a stream. */
    @FunctionalInterface
    public interface Content {
        /**
         * Writes the content.
         *
         * @param out the stream (buffered; closed by the caller)
         * @throws IOException if writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {}

    /**
     * Writes a file atomically.
     *
     * @param target the file to write
     * @param existing whether an existing file is replaced or refused
     * @param content what to write; an exception it throws (checked or not) leaves nothing behind and is passed on
     * @throws FileAlreadyExistsException if the target exists and {@code existing} is {@link Existing#REFUSE}
     * @throws IOException if writing or placing fails (the temporary file is removed)
     */
    public static void write(Path target, Existing existing, Content content) throws IOException {
        Path tmp = temporaryFileFor(target);
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE))) {
                content.writeTo(out);
            }
            place(tmp, target, existing);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /**
     * Writes a text file atomically, in UTF-8.
     *
     * @param target the file to write
     * @param existing whether an existing file is replaced or refused
     * @param text the text
     * @throws IOException if writing or placing fails
     */
    public static void writeString(Path target, Existing existing, String text) throws IOException {
        write(target, existing, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Names a temporary file beside a target, for content that another library writes to a path of its own (a video
     * encoder, say): write there, then {@link #place} it; delete it if that never happens. Nothing is created.
     *
     * @param target the file that will be written
     * @return a name in the same folder that no other call returns
     */
    public static Path temporaryFileFor(Path target) {
        Path folder = target.toAbsolutePath().getParent();
        return folder.resolve(".emojify-" + UUID.randomUUID() + ".part");
    }

    /**
     * Puts a finished temporary file in place in one step. Afterwards the temporary name is gone when this succeeded, and
     * still there (the caller's to delete) when it failed.
     *
     * @param tmp the finished file, in the target's folder (see {@link #temporaryFileFor})
     * @param target its final name
     * @param existing whether an existing target is replaced or refused
     * @throws FileAlreadyExistsException if the target exists and {@code existing} is {@link Existing#REFUSE}
     * @throws IOException if the move fails
     */
    public static void place(Path tmp, Path target, Existing existing) throws IOException {
        if (existing == Existing.REPLACE) {
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return;
        }
        try {
            Files.createLink(target, tmp); // fails if the name is taken
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | FileSystemException e) {
            Files.move(tmp, target); // no hard links on this file system: a move, which fails if the name exists
            return;
        }
        Files.delete(tmp);
    }

    private static void deleteQuietly(Path tmp) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // the write's own failure, if any, is what the caller needs to hear about
        }
    }
}
