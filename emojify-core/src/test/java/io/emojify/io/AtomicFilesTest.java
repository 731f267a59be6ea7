package io.emojify.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void anExistingFileIsReplacedOnlyWhenAskedAndOtherwiseKept(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("card.json");
        AtomicFiles.writeString(f, AtomicFiles.Existing.REFUSE, "first");
        assertEquals("first", Files.readString(f));
        FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class,
                () -> AtomicFiles.writeString(f, AtomicFiles.Existing.REFUSE, "second"));
        assertEquals(f.toString(), e.getFile());
        assertEquals("first", Files.readString(f), "the existing file is kept");
        AtomicFiles.writeString(f, AtomicFiles.Existing.REPLACE, "third");
        assertEquals("third", Files.readString(f));
        assertEquals(List.of("card.json"), names(dir), "no temporary file is left");
    }

    @Test
    void aWriteThatFailsLeavesTheOldFileAndNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("weights.params"), "old");
        IOException io = new IOException("disk full");
        assertSame(io, assertThrows(IOException.class, () -> AtomicFiles.write(f, AtomicFiles.Existing.REPLACE, out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw io;
        })));
        IllegalStateException bug = new IllegalStateException("checksum differs");
        assertSame(bug, assertThrows(IllegalStateException.class,
                () -> AtomicFiles.write(f, AtomicFiles.Existing.REPLACE, out -> {
                    throw bug;
                })));
        assertEquals("old", Files.readString(f));
        assertEquals(List.of("weights.params"), names(dir));
    }

    @Test
    void aFileWrittenByAnotherLibraryIsPlacedFromItsTemporaryName(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("video.mp4");
        Path tmp = AtomicFiles.temporaryFileFor(target);
        assertEquals(dir.toAbsolutePath(), tmp.getParent(), "in the target's folder, so that the move is one step");
        assertTrue(tmp.getFileName().toString().startsWith(".") && tmp.getFileName().toString().endsWith(".part"));
        assertFalse(tmp.equals(AtomicFiles.temporaryFileFor(target)), "each call names another file");
        Files.writeString(tmp, "frames");
        AtomicFiles.place(tmp, target, AtomicFiles.Existing.REFUSE);
        assertEquals("frames", Files.readString(target));
        assertEquals(List.of("video.mp4"), names(dir));

        Path again = AtomicFiles.temporaryFileFor(target);
        Files.writeString(again, "other frames");
        assertThrows(FileAlreadyExistsException.class, () -> AtomicFiles.place(again, target,
                AtomicFiles.Existing.REFUSE));
        assertEquals("frames", Files.readString(target));
        assertTrue(Files.exists(again), "a temporary file that was not placed is the caller's to delete");
        AtomicFiles.place(again, target, AtomicFiles.Existing.REPLACE);
        assertEquals("other frames", Files.readString(target));
        assertEquals(List.of("video.mp4"), names(dir));
    }

    @Test
    void theResultGetsTheUmasksPermissionsNotATemporaryFilesOwnerOnly(@TempDir Path dir) throws Exception {
        assumeTrue(Files.getFileStore(dir).supportsFileAttributeView("posix"),
                "Skipped: this file system has no POSIX permissions to compare");
        Path plain = Files.createFile(dir.resolve("plain"));
        Path f = dir.resolve("result.png");
        AtomicFiles.writeString(f, AtomicFiles.Existing.REFUSE, "png");
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(f));
    }

    @Test
    void aFileErrorIsOneLineWithItsReason() {
        assertEquals("/x/y: permission denied", FileErrors.describe(new AccessDeniedException("/x/y")));
        assertEquals("/x/y -> /z: no such file or folder", FileErrors.describe(new NoSuchFileException("/x/y", "/z",
                null)));
        assertEquals("already exists", FileErrors.reason(new FileAlreadyExistsException("/x")));
        assertEquals("disk full", FileErrors.describe(new IOException("disk full")));
        assertEquals("IOException", FileErrors.describe(new IOException()));
    }
}
