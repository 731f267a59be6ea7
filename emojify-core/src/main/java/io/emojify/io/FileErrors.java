package io.emojify.io;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Says in one line why a file operation failed. A {@link FileSystemException}'s message is often only the file's name;
 * these methods add the reason its type stands for ("permission denied", "no such file or folder").
 */
public final class FileErrors {

    private FileErrors() {}

    /**
     * The file and the reason for file system errors, the message otherwise, the kind of error when there is no message.
     *
     * @param e the failure
     * @return one line
     */
    public static String describe(Throwable e) {
        if (e instanceof FileSystemException f) {
            return f.getFile() + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile()) + ": " + reason(f);
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /**
     * The reason alone, for a message that names the file already.
     *
     * @param e the failure
     * @return the reason
     */
    public static String reason(Throwable e) {
        if (e instanceof FileSystemException f) {
            if (f.getReason() != null && !f.getReason().isBlank()) {
                return f.getReason();
            }
            if (f instanceof AccessDeniedException) {
                return "permission denied";
            }
            if (f instanceof NoSuchFileException) {
                return "no such file or folder";
            }
            if (f instanceof FileAlreadyExistsException) {
                return "already exists";
            }
            if (f instanceof NotDirectoryException) {
                return "not a folder";
            }
            if (f instanceof DirectoryNotEmptyException) {
                return "a folder that is not empty";
            }
            return f.getClass().getSimpleName();
        }
        return describe(e);
    }
}
