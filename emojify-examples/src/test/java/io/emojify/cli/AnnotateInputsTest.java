package io.emojify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emojify.testing.SharedData;
import io.emojify.testing.TestFiles;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs that used to stop a whole {@code emojify annotate} run: each test runs the command in a child JVM with what the
 * case needs (an unprivileged user, {@code LANG=C}, a small heap).
 */
class AnnotateInputsTest {

    @Test
    void anUnlistableSubFolderIsReportedOnOneLineAndTheRestAreDone(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.copy(SharedData.require("data/faces/photos/2.jpg"), in.resolve("good.jpg"));
        Path locked = Files.createDirectories(in.resolve("locked"));
        Files.copy(SharedData.require("data/faces/photos/1.jpg"), locked.resolve("hidden.jpg"));
        Files.createDirectories(in.resolve("zz"));
        Files.copy(SharedData.require("data/faces/photos/1.jpg"), in.resolve("zz/other.jpg"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        try {
            Path out = dir.resolve("out");
            Cli.Result r = Cli.child(dir, Map.of(), List.of("-Xmx512m"), true, "annotate", in.toString(), "-o",
                    out.toString());
            assertEquals(1, r.code(), r.toString());
            List<String> aboutLocked = r.messages().stream().filter(l -> l.contains(locked.toString())).toList();
            assertEquals(1, aboutLocked.size(), r.toString());
            assertTrue(aboutLocked.get(0).contains("cannot list"), r.toString());
            assertTrue(Files.isRegularFile(out.resolve("good-jpg-emojified.png")), r.toString());
            assertTrue(Files.isRegularFile(out.resolve("zz/other-jpg-emojified.png")), r.toString());
            assertFalse(r.err().contains("\tat "), r.toString());
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void namesTheLocaleCannotSpellAreStillDone(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Path other = Files.createDirectories(dir.resolve("other"));
        Files.copy(SharedData.require("data/faces/photos/1.jpg"), TestFiles.named(in, "caf%C3%A9.jpg"));
        Files.copy(SharedData.require("data/faces/photos/2.jpg"), in.resolve("plain.jpg"));
        Path naive = Files.copy(SharedData.require("data/faces/photos/2.jpg"), TestFiles.named(other, "na%C3%AFve.jpg"));
        Path out = dir.resolve("out");
        // LANG=C: Java spells file names in ASCII; the folder's name and the argument's have letters it cannot spell
        Cli.Result r = Cli.child(dir, Map.of("LANG", "C", "LC_ALL", "C"), List.of("-Xmx512m"), false, "annotate",
                in.toString(), naive.toString(), "-o", out.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(Files.isRegularFile(TestFiles.named(out, "caf%C3%A9-jpg-emojified.png")), r.toString());
        assertTrue(Files.isRegularFile(out.resolve("plain-jpg-emojified.png")), r.toString());
        assertTrue(Files.isRegularFile(TestFiles.named(out, "na%C3%AFve-jpg-emojified.png")), r.toString());
        try (var s = Files.list(out)) {
            assertEquals(3, s.count());
        }
    }

    @Test
    void anImageTooLargeForTheHeapIsReportedAndTheBatchGoesOn(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Path huge = in.resolve("1-huge.png");
        png16(huge, 7000, 7000); // 49 megapixels, under the pixel limit; 294 MB decoded, over a 256 MB heap
        Files.copy(SharedData.require("data/faces/photos/2.jpg"), in.resolve("2-good.jpg"));
        Path out = dir.resolve("out");
        Cli.Result r = Cli.child(dir, Map.of(), List.of("-Xmx256m"), false, "annotate", in.toString(), "-o",
                out.toString());
        assertEquals(1, r.code(), r.toString());
        List<String> aboutHuge = r.messages().stream().filter(l -> l.contains(huge.toString())).toList();
        assertEquals(1, aboutHuge.size(), r.toString());
        assertTrue(aboutHuge.get(0).contains(huge + ": too large for the memory available ("), r.toString());
        assertTrue(Files.isRegularFile(out.resolve("2-good-jpg-emojified.png")), r.toString());
        assertFalse(Files.exists(out.resolve("1-huge-png-emojified.png")));
        assertFalse(r.err().contains("\tat "), r.toString());
        assertEquals(List.of(), TestFiles.crashReports(dir));
    }

    /** Writes a 16-bit RGB PNG of the given size, all black (it compresses to a few hundred kilobytes). */
    static void png16(Path file, int w, int h) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
            chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 16).put((byte) 2)
                    .put((byte) 0).put((byte) 0).put((byte) 0).array());
            ByteArrayOutputStream z = new ByteArrayOutputStream();
            Deflater deflater = new Deflater(Deflater.BEST_SPEED);
            try (DeflaterOutputStream dz = new DeflaterOutputStream(z, deflater, 1 << 16)) {
                byte[] row = new byte[1 + w * 6]; // filter byte, then 3 samples of 2 bytes per pixel
                for (int y = 0; y < h; y++) {
                    dz.write(row);
                }
            } finally {
                deflater.end();
            }
            chunk(out, "IDAT", z.toByteArray());
            chunk(out, "IEND", new byte[0]);
        }
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeInt(data.length);
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }
}
