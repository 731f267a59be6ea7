package io.emojify.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emojify.testing.SharedData;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where {@code emojify annotate} writes, and what it refuses to write over. */
class AnnotateOutputsTest {

    /** 720x478 */
    private static Path photo1() {
        return SharedData.require("data/faces/photos/1.jpg");
    }

    /** 1024x484: told apart from photo 1 by its width */
    private static Path photo2() {
        return SharedData.require("data/faces/photos/2.jpg");
    }

    /** Every file below a folder, by its path relative to it, with its bytes' hash. */
    private static Map<String, Integer> files(Path dir) throws Exception {
        Map<String, Integer> all = new TreeMap<>();
        if (!Files.exists(dir)) {
            return all;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                all.put(dir.relativize(p).toString(), java.util.Arrays.hashCode(Files.readAllBytes(p)));
            }
        }
        return all;
    }

    private static int width(Path png) throws Exception {
        BufferedImage img = ImageIO.read(png.toFile());
        return img.getWidth();
    }

    @Test
    void inputsWithTheSameNameInAnotherFormatOrFolderGetTheirOwnResults(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.copy(photo1(), in.resolve("a.jpg"));
        ImageIO.write(ImageIO.read(photo2().toFile()), "png", in.resolve("a.png").toFile());
        Files.createDirectories(in.resolve("d1"));
        Files.createDirectories(in.resolve("d2"));
        Files.copy(photo1(), in.resolve("d1/x.jpg"));
        Files.copy(photo2(), in.resolve("d2/x.jpg"));
        Path out = dir.resolve("out");
        Cli.Result r = Cli.run("annotate", in.toString(), "-o", out.toString());
        assertEquals(0, r.code(), r.toString());
        assertEquals(Set.of("a-jpg-emojified.png", "a-png-emojified.png", "d1/x-jpg-emojified.png",
                "d2/x-jpg-emojified.png"), files(out).keySet(), "one result per input, the input's path mirrored");
        assertEquals(720, width(out.resolve("a-jpg-emojified.png")));
        assertEquals(1024, width(out.resolve("a-png-emojified.png")));
        assertEquals(720, width(out.resolve("d1/x-jpg-emojified.png")));
        assertEquals(1024, width(out.resolve("d2/x-jpg-emojified.png")));

        // two folders named on the command line whose images have the same names: refused before any work
        Path out2 = dir.resolve("out2");
        Cli.Result clash = Cli.run("annotate", in.resolve("d1").toString(), in.resolve("d2").toString(), "-o",
                out2.toString());
        assertEquals(2, clash.code(), clash.toString());
        assertTrue(clash.messages().stream().anyMatch(l -> l.contains(in.resolve("d1/x.jpg").toString())
                && l.contains(in.resolve("d2/x.jpg").toString())), clash.toString());
        assertEquals(Map.of(), files(out2), "nothing was written");
    }

    @Test
    void existingResultsAreReplacedOnlyWithOverwriteAndAnInputNever(@TempDir Path dir) throws Exception {
        Files.copy(photo1(), dir.resolve("p.jpg"));
        // an earlier result (10 pixels wide), and a result of the previous naming
        ImageIO.write(new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB), "png", dir.resolve("p-jpg-emojified.png")
                .toFile());
        ImageIO.write(new BufferedImage(12, 12, BufferedImage.TYPE_INT_RGB), "png", dir.resolve("p-emojified.png")
                .toFile());
        Map<String, Integer> before = files(dir);

        Cli.Result refused = Cli.run("annotate", dir.toString(), "-o", dir.toString());
        assertEquals(2, refused.code(), refused.toString());
        assertTrue(refused.messages().stream().anyMatch(l -> l.contains(dir.resolve("p-jpg-emojified.png").toString())
                && l.contains("--overwrite")), refused.toString());
        assertEquals(before, files(dir), "nothing changed");

        Cli.Result replaced = Cli.run("annotate", dir.toString(), "-o", dir.toString(), "--overwrite");
        assertEquals(0, replaced.code(), replaced.toString());
        assertEquals(720, width(dir.resolve("p-jpg-emojified.png")), "the earlier result was replaced");
        assertEquals(12, width(dir.resolve("p-emojified.png")), "earlier results are not inputs");
        assertEquals(before.keySet(), files(dir).keySet());
        assertEquals(before.get("p.jpg"), files(dir).get("p.jpg"));

        // a result that is itself named as an input is never written over, --overwrite or not
        Map<String, Integer> now = files(dir);
        Cli.Result input = Cli.run("annotate", dir.resolve("p.jpg").toString(),
                dir.resolve("p-jpg-emojified.png").toString(), "-o", dir.toString(), "--overwrite");
        assertEquals(2, input.code(), input.toString());
        assertTrue(input.messages().stream().anyMatch(l -> l.contains("p-jpg-emojified.png")
                && l.contains("is an input")), input.toString());
        assertEquals(now, files(dir), "nothing changed");
    }

    @Test
    void aFolderWithoutImagesIsOneLineAndExitCode1(@TempDir Path dir) throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path notes = Files.createDirectories(dir.resolve("notes"));
        Files.writeString(notes.resolve("readme.txt"), "no photos here");
        for (Path folder : List.of(empty, notes)) {
            Cli.Result r = Cli.run("annotate", folder.toString(), "-o", dir.resolve("out").toString());
            assertEquals(1, r.code(), r.toString());
            assertEquals(1, r.messages().size(), r.toString());
            assertTrue(r.messages().get(0).contains(folder.toString())
                    && r.messages().get(0).contains("no supported image"), r.toString());
        }
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
            assertEquals(Map.of(), files(readOnly));
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
