package io.emojify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.emojify.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code annotate --emotion-model}: the accurate model's answers on FER-2013 faces, today's without it. */
class EmotionModelOptionTest {

    @Test
    void annotateAnswersWithTheModelItIsToldToUse(@TempDir Path dir) throws Exception {
        Path faces = Files.createDirectories(dir.resolve("faces"));
        Path test = SharedData.require("data/fer2013/test");
        for (String emotion : new String[] {"happy", "surprise", "angry"}) {
            try (var files = Files.list(test.resolve(emotion))) {
                for (Path f : files.sorted().limit(2).toList()) {
                    Files.copy(f, faces.resolve(emotion + "-" + f.getFileName()));
                }
            }
        }
        Map<String, JsonObject> accurate = faces(Cli.run("annotate", faces.toString(), "--whole-face", "--emotion-model",
                "accurate", "--json", "-o", dir.resolve("a").toString()));
        Map<String, JsonObject> compact = faces(Cli.run("annotate", faces.toString(), "--whole-face", "--emotion-model",
                "compact", "--json", "-o", dir.resolve("c").toString()));
        Map<String, JsonObject> byDefault = faces(Cli.run("annotate", faces.toString(), "--whole-face", "--json", "-o",
                dir.resolve("d").toString()));
        assertEquals(6, accurate.size());
        assertEquals(compact.toString(), byDefault.toString(), "compact is the default");
        assertNotEquals(compact.toString(), accurate.toString(), "the accurate model gives its own probabilities");
        assertTrue(Files.isDirectory(dir.resolve("a")));
    }

    @Test
    void anUnknownModelIsAUsageErrorNamingTheChoices(@TempDir Path dir) {
        Cli.Result r = Cli.run("annotate", dir.toString(), "--emotion-model", "big", "-o", dir.resolve("o").toString());
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("--emotion-model: Unknown emotion model 'big'; use compact or accurate"), r.err());
    }

    private static Map<String, JsonObject> faces(Cli.Result r) {
        assertEquals(0, r.code(), r.toString());
        Map<String, JsonObject> out = new TreeMap<>();
        for (String line : r.out().split("\n")) {
            if (line.startsWith("{")) {
                JsonObject o = JsonParser.parseString(line).getAsJsonObject();
                out.put(o.get("file").getAsString(), o.getAsJsonArray("faces").get(0).getAsJsonObject()
                        .getAsJsonObject("probabilities"));
            }
        }
        return out;
    }
}
