package io.emojify.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emojify.image.ImageDecodingException;
import io.emojify.testing.SharedData;
import io.emojify.testing.TestFiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault injection: a batch over one folder mixing every kind of bad input with good photos. The run must do every good
 * photo exactly once, name every bad input in one problem, fail with nothing but the library's own errors (no stack trace
 * is due), leave no crash report, and end with problems (exit code 1 for {@code emojify annotate}). {@code .ci/run} runs it
 * a second time under {@code LANG=C}, where the photo with a non-ASCII name is one the locale cannot spell.
 */
class FaultInjectionTest {

    @Test
    @Timeout(60)
    void badInputsAmongGoodPhotosAreEachReportedAndEveryGoodPhotoIsDoneOnce(@TempDir Path dir) throws Exception {
        Path photo1 = SharedData.require("data/faces/photos/1.jpg");
        Path photo2 = SharedData.require("data/faces/photos/2.jpg");
        Path in = Files.createDirectories(dir.resolve("in"));
        Path out = dir.resolve("out");

        // good photos, one with a name in non-ASCII letters, one in a sub-folder with the same name as another
        Files.copy(photo1, in.resolve("1.jpg"));
        Files.copy(photo2, in.resolve("2.jpg"));
        Files.copy(photo2, TestFiles.named(in, "caf%C3%A9.jpg"));
        Files.createDirectories(in.resolve("more"));
        Files.copy(photo1, in.resolve("more/2.jpg"));
        Map<Path, Integer> goodResults = Map.of(out.resolve("1-jpg-emojified.png"), 720,
                out.resolve("2-jpg-emojified.png"), 1024, TestFiles.named(out, "caf%C3%A9-jpg-emojified.png"), 1024,
                out.resolve("more/2-jpg-emojified.png"), 720);

        // bad inputs, each of which must be named on standard error
        List<String> bad = new ArrayList<>();
        byte[] jpeg = Files.readAllBytes(photo2);
        Files.write(in.resolve("cut.jpg"), Arrays.copyOf(jpeg, jpeg.length * 6 / 10));
        bad.add("cut.jpg");
        Files.writeString(in.resolve("notes.jpg"), "this is text, not a JPEG");
        bad.add("notes.jpg");
        Files.write(in.resolve("empty.png"), new byte[0]);
        bad.add("empty.png");
        Files.write(in.resolve("bomb.png"), bombPng(100_000, 100_000));
        bad.add("bomb.png");
        Path locked = Files.createDirectories(in.resolve("locked"));
        Files.copy(photo1, locked.resolve("hidden.jpg"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        boolean lockable = !Files.isReadable(locked);
        if (lockable) {
            bad.add("locked");
        } else {
            System.err.println("FaultInjectionTest: the unreadable sub-folder case is skipped: running as root, who can "
                    + "list any folder (AnnotateInputsTest covers it without root's power)");
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.delete(locked.resolve("hidden.jpg"));
            Files.delete(locked);
        }

        List<java.io.File> crashesBefore = TestFiles.crashReports(Path.of(""));
        BatchRun r;
        try {
            r = BatchRun.run(out, false, in);
        } finally {
            if (Files.exists(locked)) {
                Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }

        assertEquals(1, r.code(), r.toString());
        List<Path> written;
        try (Stream<Path> s = Files.walk(out)) {
            written = s.filter(Files::isRegularFile).toList();
        }
        assertEquals(goodResults.size(), written.size(), "one result per good photo, nothing else: " + written);
        for (Map.Entry<Path, Integer> e : goodResults.entrySet()) {
            assertTrue(Files.isRegularFile(e.getKey()), e.getKey() + " missing; " + r);
            try (var png = Files.newInputStream(e.getKey())) { // not toFile(): it would lose a name's bytes under LANG=C
                assertEquals(e.getValue(), ImageIO.read(png).getWidth(), e.getKey() + " is of its own input");
            }
        }
        for (String name : bad) {
            assertEquals(1, r.problems.stream().filter(l -> l.contains(in.resolve(name).toString())).count(),
                    name + " is named on one line: " + r);
        }
        assertTrue(r.problems.stream().anyMatch(l -> l.contains("cut.jpg") && l.contains("truncated")), r.toString());
        assertTrue(r.problems.stream().anyMatch(l -> l.contains("bomb.png") && l.contains("100000x100000")),
                r.toString());
        for (Throwable cause : r.causes) {
            assertTrue(cause == null || cause instanceof ImageDecodingException || cause instanceof java.io.IOException,
                    "each problem is a decoding or listing failure, not a crash: " + cause);
        }
        assertEquals(crashesBefore, TestFiles.crashReports(Path.of("")), "no JVM crash report");
        assertEquals(List.of(), TestFiles.crashReports(dir));
    }

    /** A small PNG whose header declares the given size (a decompression bomb's first step). */
    private static byte[] bombPng(int w, int h) throws Exception {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", png);
        byte[] b = png.toByteArray();
        ByteBuffer.wrap(b).putInt(16, w).putInt(20, h);
        CRC32 crc = new CRC32();
        crc.update(b, 12, 17);
        ByteBuffer.wrap(b).putInt(29, (int) crc.getValue());
        return b;
    }
}
