package io.emojify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.emojify.testing.SharedData;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmojifyCommandTest {

    private static String[] run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            code = EmojifyCommand.run(args);
        } finally {
            System.setOut(old);
        }
        return new String[] {String.valueOf(code), buf.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void annotateJsonOverThePhotosMatchesTheImages(@TempDir Path out) throws Exception {
        Path photos = SharedData.require("data/faces/photos");
        String[] r = run("annotate", photos.toString(), "-o", out.toString(), "--json");
        assertEquals("0", r[0]);
        List<String> lines = r[1].lines().filter(l -> l.startsWith("{")).toList();
        List<Path> images;
        try (Stream<Path> s = Files.list(photos)) {
            images = s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
        }
        assertEquals(images.size(), lines.size());
        for (int i = 0; i < lines.size(); i++) {
            JsonObject o = JsonParser.parseString(lines.get(i)).getAsJsonObject();
            BufferedImage img = ImageIO.read(Path.of(o.get("file").getAsString()).toFile());
            assertEquals(img.getWidth(), o.get("width").getAsInt());
            assertEquals(img.getHeight(), o.get("height").getAsInt());
            for (var f : o.getAsJsonArray("faces")) {
                JsonObject face = f.getAsJsonObject();
                assertEquals(7, face.getAsJsonObject("probabilities").size());
                assertTrue(face.getAsJsonObject("emoji").get("codepoint").getAsString().startsWith("U+1F"));
                assertEquals(5, face.getAsJsonArray("landmarks").size());
            }
            String name = Path.of(o.get("file").getAsString()).getFileName().toString().replace(".jpg", "");
            assertTrue(Files.exists(out.resolve(name + "-jpg-emojified.png")));
        }
        JsonObject two = lines.stream().map(l -> JsonParser.parseString(l).getAsJsonObject())
                .filter(o -> o.get("file").getAsString().endsWith("/2.jpg")).findFirst().orElseThrow();
        assertEquals(4, two.getAsJsonArray("faces").size());
    }

    @Test
    void badArgumentsGiveUsageAndExitCode2() {
        assertEquals("2", run()[0]);
        assertEquals("2", run("annotate")[0]);
        assertEquals("2", run("annotate", "x.jpg", "--mode", "sideways")[0]);
        assertEquals("2", run("frobnicate")[0]);
    }

    @Test
    void anUnknownDetectorOrEngineIsExitCode2NamingTheChoices(@TempDir Path dir) throws Exception {
        Path photo = Files.copy(SharedData.require("data/faces/photos/2.jpg"), dir.resolve("2.jpg"));
        String before = System.getProperty("emojify.engine");
        Cli.Result detector = Cli.run("annotate", photo.toString(), "-o", dir.resolve("out").toString(),
                "--detector", "nonsense");
        assertEquals(2, detector.code(), detector.toString());
        assertTrue(detector.messages().stream().anyMatch(l -> l.contains("nonsense") && l.contains("yunet")
                && l.contains("ultraface")), detector.toString());
        Cli.Result engine = Cli.run("annotate", photo.toString(), "-o", dir.resolve("out").toString(),
                "--engine", "nonsense");
        assertEquals(2, engine.code(), engine.toString());
        assertTrue(engine.messages().stream().anyMatch(l -> l.contains("--engine nonsense") && l.contains("PyTorch")
                && l.contains("OnnxRuntime")), engine.toString());
        assertEquals(before, System.getProperty("emojify.engine"), "a refused engine is not left set");
        assertFalse(engine.err().contains("\tat "), engine.toString());
        assertFalse(Files.exists(dir.resolve("out/2-jpg-emojified.png")), "nothing was done");
    }
}
