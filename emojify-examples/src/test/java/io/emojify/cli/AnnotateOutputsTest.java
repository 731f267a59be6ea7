package io.emojify.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emojify.testing.SharedData;
import io.emojify.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@code emojify annotate} tells what its batch ({@code io.emojify.batch.BatchAnnotator}, tested in emojify-core)
 * refused or could not do: one line each, the exit code, a stack trace only with {@code --verbose}.
 */
class AnnotateOutputsTest {

    /** 720x478 */
    private static Path photo1() {
        return SharedData.require("data/faces/photos/1.jpg");
    }

    /** 1024x484: told apart from photo 1 by its width */
    private static Path photo2() {
        return SharedData.require("data/faces/photos/2.jpg");
    }

    @Test
    void refusedOutputsAreExitCode2NamingEachAndNothingIsDone(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.createDirectories(in.resolve("d1"));
        Files.createDirectories(in.resolve("d2"));
        Files.copy(photo1(), in.resolve("d1/x.jpg"));
        Files.copy(photo2(), in.resolve("d2/x.jpg"));
        Path out = dir.resolve("out");
        Cli.Result clash = Cli.run("annotate", in.resolve("d1").toString(), in.resolve("d2").toString(), "-o",
                out.toString());
        assertEquals(2, clash.code(), clash.toString());
        assertEquals(List.of("emojify: " + in.resolve("d1/x.jpg") + " and " + in.resolve("d2/x.jpg")
                + " would both be written to " + out.resolve("x-jpg-emojified.png")
                + "; emojify them in separate runs or into separate -o folders", "emojify: nothing was done"),
                clash.messages());
        assertEquals(Map.of(), TestFiles.contents(out), "nothing was written");
    }

    @Test
    void aFolderWithoutImagesIsOneLineAndExitCode1(@TempDir Path dir) throws Exception {
        Path notes = Files.createDirectories(dir.resolve("notes"));
        Files.writeString(notes.resolve("readme.txt"), "no photos here");
        Cli.Result r = Cli.run("annotate", notes.toString(), "-o", dir.resolve("out").toString());
        assertEquals(1, r.code(), r.toString());
        assertEquals(1, r.messages().size(), r.toString());
        assertTrue(r.messages().get(0).contains(notes.toString())
                && r.messages().get(0).contains("no supported image"), r.toString());
    }

    @Test
    void anOutputThatCannotBeWrittenIsOneLineNamingItWithoutAStackTrace(@TempDir Path dir) throws Exception {
        Path photo = Files.copy(photo2(), dir.resolve("2.jpg"));
        Path file = Files.writeString(dir.resolve("out.txt"), "a file, not a folder");
        Cli.Result regular = Cli.run("annotate", photo.toString(), "-o", file.toString());
        assertEquals(2, regular.code(), regular.toString());
        assertEquals(List.of("emojify: -o " + file + ": exists and is not a folder"), regular.messages());
        assertFalse(regular.err().contains("\tat "), regular.toString());

        Cli.Result below = Cli.run("annotate", photo.toString(), "-o", file.resolve("sub").toString());
        assertEquals(1, below.code(), below.toString());
        assertEquals(1, below.messages().size(), below.toString());
        assertTrue(below.messages().get(0).contains(file.resolve("sub").toString()), below.toString());
        assertFalse(below.err().contains("\tat "), below.toString());

        // a read-only folder: root writes anyway, so the command runs without that power (a child JVM, setpriv)
        Path readOnly = Files.createDirectories(dir.resolve("read-only"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Cli.Result r = Cli.child(dir, Map.of(), List.of("-Xmx512m"), true, "annotate", photo.toString(), "-o",
                    readOnly.toString());
            assertEquals(1, r.code(), r.toString());
            List<String> lines = r.messages();
            assertEquals(1, lines.size(), r.toString());
            assertTrue(lines.get(0).contains(readOnly.toString()) && lines.get(0).contains("cannot write"),
                    r.toString());
            assertFalse(r.err().contains("\tat "), r.toString());
            assertEquals(Map.of(), TestFiles.contents(readOnly));
        } finally {
            Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void verboseAddsTheStackTrace(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.jpg"), "not a JPEG");
        Files.copy(photo2(), dir.resolve("2.jpg"));
        Cli.Result quiet = Cli.run("annotate", bad.toString(), "-o", dir.resolve("out").toString());
        assertEquals(1, quiet.code(), quiet.toString());
        assertFalse(quiet.err().contains("\tat "), quiet.toString());
        Cli.Result verbose = Cli.run("annotate", bad.toString(), "-o", dir.resolve("out").toString(), "--verbose");
        assertEquals(1, verbose.code(), verbose.toString());
        assertTrue(verbose.err().contains("\tat io.emojify.image.ImageDecoder"), verbose.toString());
        assertTrue(verbose.messages().stream().map(l -> l.contains("bad.jpg")).collect(Collectors.toList())
                .contains(true), verbose.toString());
        assertArrayEquals(new String[0], dir.resolve("out").toFile().list());
    }
}
