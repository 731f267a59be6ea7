package io.emojify.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emojify.testing.SharedData;
import io.emojify.testing.TestFiles;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a batch writes, and what it refuses to write over. */
class BatchOutputsTest {

    /** 720x478 */
    private static Path photo1() {
        return SharedData.require("data/faces/photos/1.jpg");
    }

    /** 1024x484: told apart from photo 1 by its width */
    private static Path photo2() {
        return SharedData.require("data/faces/photos/2.jpg");
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
        BatchRun r = BatchRun.run(out, false, in);
        assertEquals(0, r.code(), r.toString());
        assertEquals(Set.of("a-jpg-emojified.png", "a-png-emojified.png", "d1/x-jpg-emojified.png",
                "d2/x-jpg-emojified.png"), TestFiles.contents(out).keySet(), "one result per input, the input's path mirrored");
        assertEquals(720, width(out.resolve("a-jpg-emojified.png")));
        assertEquals(1024, width(out.resolve("a-png-emojified.png")));
        assertEquals(720, width(out.resolve("d1/x-jpg-emojified.png")));
        assertEquals(1024, width(out.resolve("d2/x-jpg-emojified.png")));

        // two folders given whose images have the same names: refused before any work
        Path out2 = dir.resolve("out2");
        BatchRun clash = BatchRun.run(out2, false, in.resolve("d1"), in.resolve("d2"));
        assertEquals(2, clash.code(), clash.toString());
        assertTrue(clash.refusals().stream().anyMatch(l -> l.contains(in.resolve("d1/x.jpg").toString())
                && l.contains(in.resolve("d2/x.jpg").toString())), clash.toString());
        assertEquals(Map.of(), TestFiles.contents(out2), "nothing was written");
    }

    @Test
    void existingResultsAreReplacedOnlyWithOverwriteAndAnInputNever(@TempDir Path dir) throws Exception {
        Files.copy(photo1(), dir.resolve("p.jpg"));
        // an earlier result (10 pixels wide), and a result of the previous naming
        ImageIO.write(new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB), "png", dir.resolve("p-jpg-emojified.png")
                .toFile());
        ImageIO.write(new BufferedImage(12, 12, BufferedImage.TYPE_INT_RGB), "png", dir.resolve("p-emojified.png")
                .toFile());
        Map<String, Integer> before = TestFiles.contents(dir);

        BatchRun refused = BatchRun.run(dir, false, dir);
        assertEquals(2, refused.code(), refused.toString());
        assertTrue(refused.refusals().stream().anyMatch(l -> l.contains(dir.resolve("p-jpg-emojified.png").toString())
                && l.contains("--overwrite")), refused.toString());
        assertEquals(before, TestFiles.contents(dir), "nothing changed");

        BatchRun replaced = BatchRun.run(dir, true, dir);
        assertEquals(0, replaced.code(), replaced.toString());
        assertEquals(720, width(dir.resolve("p-jpg-emojified.png")), "the earlier result was replaced");
        assertEquals(12, width(dir.resolve("p-emojified.png")), "earlier results are not inputs");
        assertEquals(before.keySet(), TestFiles.contents(dir).keySet());
        assertEquals(before.get("p.jpg"), TestFiles.contents(dir).get("p.jpg"));

        // a result that is itself named as an input is never written over, overwriting or not
        Map<String, Integer> now = TestFiles.contents(dir);
        BatchRun input = BatchRun.run(dir, true, dir.resolve("p.jpg"), dir.resolve("p-jpg-emojified.png"));
        assertEquals(2, input.code(), input.toString());
        assertTrue(input.refusals().stream().anyMatch(l -> l.contains("p-jpg-emojified.png")
                && l.contains("is an input")), input.toString());
        assertEquals(now, TestFiles.contents(dir), "nothing changed");
    }

    @Test
    void aFolderWithoutImagesIsOneProblem(@TempDir Path dir) throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path notes = Files.createDirectories(dir.resolve("notes"));
        Files.writeString(notes.resolve("readme.txt"), "no photos here");
        for (Path folder : List.of(empty, notes)) {
            BatchRun r = BatchRun.run(dir.resolve("out"), false, folder);
            assertEquals(1, r.code(), r.toString());
            assertEquals(1, r.problems.size(), r.toString());
            assertTrue(r.problems.get(0).contains(folder.toString())
                    && r.problems.get(0).contains("no supported image"), r.toString());
        }
    }

    @Test
    void anOutputFolderThatCannotBeUsedIsRefusedNamingIt(@TempDir Path dir) throws Exception {
        Path photo = Files.copy(photo2(), dir.resolve("2.jpg"));
        Path file = Files.writeString(dir.resolve("out.txt"), "a file, not a folder");
        BatchException regular = assertThrows(BatchException.class, () -> BatchRun.run(file, false, photo));
        assertEquals(BatchException.Reason.NOT_A_FOLDER, regular.reason());
        assertEquals(file + ": exists and is not a folder", regular.getMessage());

        BatchException below = assertThrows(BatchException.class,
                () -> BatchRun.run(file.resolve("sub"), false, photo));
        assertEquals(BatchException.Reason.NOT_WRITABLE, below.reason());
        assertTrue(below.getMessage().contains(file.resolve("sub").toString()), below.getMessage());
    }

    @Test
    void aBadFileAmongGoodOnesIsReportedAndTheRestAreDone(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.copy(photo2(), in.resolve("good.jpg"));
        Files.writeString(in.resolve("bad.jpg"), "this is text, not a JPEG");
        Files.write(in.resolve("empty.png"), new byte[0]);
        BatchRun r = BatchRun.run(dir.resolve("out"), false, in);
        assertEquals(1, r.code(), r.toString());
        assertEquals(2, r.problems.size(), r.toString());
        assertTrue(Files.exists(dir.resolve("out/good-jpg-emojified.png")));
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            Path plain = Files.createFile(dir.resolve("plain"));
            assertEquals(Files.getPosixFilePermissions(plain),
                    Files.getPosixFilePermissions(dir.resolve("out/good-jpg-emojified.png")),
                    "the result gets the permissions of any new file (the umask's), not a temporary file's owner-only");
        }
        try (Stream<Path> s = Files.list(dir.resolve("out"))) {
            assertEquals(1, s.count(), "nothing half-written is left for the bad files");
        }
    }

    @Test
    void withoutAnOutputFolderImagesAreAnalysedAndNothingIsWritten(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.copy(photo1(), in.resolve("1.jpg"));
        Files.copy(photo2(), in.resolve("2.jpg"));
        BatchRun r = BatchRun.run(null, false, in);
        assertEquals(0, r.code(), r.toString());
        assertEquals(List.of(in.resolve("1.jpg"), in.resolve("2.jpg")), r.done.stream().map(BatchJob::input).toList());
        assertTrue(r.done.stream().allMatch(j -> j.output() == null), r.done.toString());
        assertEquals(Set.of("in/1.jpg", "in/2.jpg"), TestFiles.contents(dir).keySet(), "nothing was written");
    }
}
