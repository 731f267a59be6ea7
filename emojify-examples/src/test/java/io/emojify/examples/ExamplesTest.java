package io.emojify.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.emojify.cli.EmojifyCommand;
import io.emojify.testing.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each example program runs and does what it says. */
class ExamplesTest {

    @AfterEach
    void clearEngine() {
        System.clearProperty("emojify.engine");
    }

    private static String capture(ThrowingRunnable r) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            r.run();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void annotatePhotoWritesTheResultAndListsTheFaces(@TempDir Path dir) throws Exception {
        Path in = SharedData.require("data/faces/photos/2.jpg");
        Path out = dir.resolve("out.png");
        String printed = capture(() -> AnnotatePhoto.main(new String[] {in.toString(), out.toString()}));
        assertEquals(4, printed.lines().filter(l -> l.contains("happy")).count(), printed);
        assertEquals(ImageIO.read(in.toFile()).getWidth(), ImageIO.read(out.toFile()).getWidth());
    }

    @Test
    void customDetectorIsUsedInsteadOfTheDefault(@TempDir Path dir) throws Exception {
        Path in = SharedData.require("data/faces/photos/2.jpg");
        String printed = capture(() -> CustomDetector.main(new String[] {in.toString(),
                dir.resolve("o.png").toString()}));
        assertTrue(printed.trim().matches("[a-z]+ \\S+"), printed);
        assertEquals(1, new CustomDetector.CentreSquareDetector().detect(ImageIO.read(in.toFile())).size());
    }

    @Test
    void switchEngineGivesTheSameAnswerOnBothEngines() throws Exception {
        Path in = SharedData.require("data/faces/photos/2.jpg");
        System.setProperty("emojify.engine", "PyTorch");
        String pt = capture(() -> SwitchEngine.main(new String[] {in.toString()}));
        System.setProperty("emojify.engine", "OnnxRuntime");
        String ort = capture(() -> SwitchEngine.main(new String[] {in.toString()}));
        assertTrue(pt.contains("PyTorch") && ort.contains("OnnxRuntime"), pt + ort);
        assertEquals(pt.lines().skip(1).toList(), ort.lines().skip(1).toList());
    }

    @Test
    void webcamWithoutTheCameraIsAClearErrorNamingTheDevice() {
        assumeFalse(Files.exists(Path.of("/dev/video7")), "Skipped: this machine has a /dev/video7");
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
            code = EmojifyCommand.run("webcam", "--device", "7");
        } finally {
            System.setErr(old);
        }
        String err = buf.toString(StandardCharsets.UTF_8);
        assertEquals(1, code, err);
        assertEquals("emojify: no camera 7 (/dev/video7 does not exist)", err.strip());
    }
}
