package io.emojify.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.emojify.testing.SharedData;
import javax.imageio.ImageIO;
import org.bytedeco.ffmpeg.global.avcodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command on a small folder in local mode: JSON lines out, the summary printed, an error row for the bad file. */
class SparkCommandTest {

    @TempDir
    Path folder;

    @Test
    void writesJsonLinesAndPrintsASummaryThatMatchesThem() throws IOException {
        Path shared = SharedData.require();
        Path input = Files.createDirectory(folder.resolve("in"));
        Files.copy(shared.resolve("data/faces/photos/13.jpg"), input.resolve("a.jpg"));
        Files.copy(shared.resolve("data/faces/dlib/dogs.jpg"), input.resolve("dogs.jpg"));
        Files.write(input.resolve("empty.jpg"), new byte[0]);
        Path output = folder.resolve("out");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        int code = SparkCommand.run(new PrintStream(printed, true, StandardCharsets.UTF_8), "--input", input.toString(),
                "--output", output.toString(), "--master", "local[2]", "--format", "json", "--models",
                shared.resolve("models").toString());
        String text = printed.toString(StandardCharsets.UTF_8);

        assertEquals(1, code, "a file gave an error row: " + text);
        Matcher m = Pattern.compile("images (\\d+), faces (\\d+), errors (\\d+), [0-9.]+ images/s").matcher(text);
        assertTrue(m.find(), "the summary line is printed: " + text);
        List<JsonObject> rows = new ArrayList<>();
        try (Stream<Path> parts = Files.list(output)) {
            for (Path part : parts.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
                for (String line : Files.readAllLines(part)) {
                    rows.add(JsonParser.parseString(line).getAsJsonObject());
                }
            }
        }
        try (Stream<Path> all = Files.list(output)) {
            assertFalse(all.anyMatch(p -> p.getFileName().toString().endsWith(".crc")), "no .crc files");
        }
        long faces = rows.stream().filter(r -> r.has("face")).count();
        long errors = rows.stream().filter(r -> r.has("error")).count();
        assertEquals(1, errors);
        assertTrue(faces >= 1, "photo 13 has a face");
        assertEquals(3, Integer.parseInt(m.group(1)));
        assertEquals(faces, Long.parseLong(m.group(2)));
        assertEquals(1, Integer.parseInt(m.group(3)));
        assertTrue(text.contains("[1/3]") && text.contains("[2/3]") && text.contains("[3/3]"), text);
        assertTrue(text.contains("error: ") && text.contains("empty.jpg"), text);
    }

    @Test
    void anUnknownFormatIsABadArgumentAndTouchesNothing() throws IOException {
        Path input = Files.createDirectory(folder.resolve("in"));
        Path output = Files.createDirectory(folder.resolve("out"));
        Files.writeString(output.resolve("keep.txt"), "kept");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int bad = SparkCommand.run(new PrintStream(printed, true, StandardCharsets.UTF_8), "--input", input.toString(),
                "--output", output.toString(), "--format", "csv");
        assertEquals(2, bad, "an unknown format is a bad argument");
        assertEquals("kept", Files.readString(output.resolve("keep.txt")));
    }

    @Test
    void emojifiesAFolderOfVideosPrintsTheTotalsAndExitsWithOneForTheBrokenFile() throws IOException {
        Path shared = SharedData.require();
        Path input = Files.createDirectory(folder.resolve("in"));
        VideoClips.write(input.resolve("clip.mp4"), "mp4", avcodec.AV_CODEC_ID_H264, 320, 240, 16, 25, true,
                ImageIO.read(shared.resolve("data/faces/photos/13.jpg").toFile()));
        Files.writeString(input.resolve("notes.mp4"), "not a video");
        Path output = folder.resolve("out");
        String[] args = {"--videos", "--input", input.toString(), "--output", output.toString(), "--master",
            "local[2]", "--format", "json", "--models", shared.resolve("models").toString()};
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        int code = SparkCommand.run(new PrintStream(printed, true, StandardCharsets.UTF_8), args);
        String text = printed.toString(StandardCharsets.UTF_8);

        assertEquals(1, code, "a file gave an error row: " + text);
        for (String stage : List.of("[1/4]", "[2/4] listed 2 files", "2/2 videos done", "[3/4]", "[4/4]")) {
            assertTrue(text.contains(stage), stage + " in " + text);
        }
        Matcher m = Pattern.compile("videos 2, frames 16, faces tracked (\\d+), errors 1, [0-9.]+ frames/s")
                .matcher(text);
        assertTrue(m.find(), "the totals: " + text);
        assertTrue(Integer.parseInt(m.group(1)) >= 1, text);
        assertTrue(text.contains("error: ") && text.contains("notes.mp4"), text);
        try (Stream<Path> videos = Files.list(output.resolve("videos"))) {
            assertEquals(List.of("clip.mp4"), videos.map(p -> p.getFileName().toString()).toList());
        }
        List<JsonObject> rows = new ArrayList<>();
        try (Stream<Path> parts = Files.list(output.resolve("summary"))) {
            for (Path part : parts.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
                for (String line : Files.readAllLines(part)) {
                    rows.add(JsonParser.parseString(line).getAsJsonObject());
                }
            }
        }
        assertEquals(2, rows.size(), rows.toString());
        assertEquals(1, rows.stream().filter(r -> r.has("error")).count(), rows.toString());
        assertEquals(16, rows.stream().filter(r -> r.has("output")).findFirst().orElseThrow().get("frames_written")
                .getAsInt());

        ByteArrayOutputStream again = new ByteArrayOutputStream();
        assertEquals(1, SparkCommand.run(new PrintStream(again, true, StandardCharsets.UTF_8), args),
                "an output folder with videos is not replaced without --overwrite");
        assertTrue(Files.isRegularFile(output.resolve("videos/clip.mp4")));
    }
}
