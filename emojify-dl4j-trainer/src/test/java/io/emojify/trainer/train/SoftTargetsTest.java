package io.emojify.trainer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.emojify.trainer.data.FaceSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Soft targets keep a teacher's probabilities per training face, refuse other faces and say what is wrong with a file. */
class SoftTargetsTest {

    private static FaceSet faces(int n, long seed) {
        Random rnd = new Random(seed);
        List<byte[]> pixels = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            byte[] p = new byte[FaceSet.SIDE * FaceSet.SIDE];
            rnd.nextBytes(p);
            pixels.add(p);
            ids.add("face" + i);
            labels[i] = i % 7;
        }
        return new FaceSet(pixels, labels, ids);
    }

    private static float[][] distributions(int n, long seed) {
        Random rnd = new Random(seed);
        float[][] p = new float[n][7];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            double[] e = new double[7];
            for (int c = 0; c < 7; c++) {
                e[c] = Math.exp(rnd.nextGaussian() * 3);
                sum += e[c];
            }
            for (int c = 0; c < 7; c++) {
                p[i][c] = (float) (e[c] / sum);
            }
        }
        p[0] = new float[] {1, 0, 0, 0, 0, 0, 0}; // a certain teacher: log 0 must not reach the loss
        return p;
    }

    @Test
    void whatIsWrittenIsReadBackWithItsProvenanceAndServesEachSampleItsFacesTargets(@TempDir Path dir)
            throws Exception {
        FaceSet train = faces(30, 1);
        float[][] p = distributions(30, 2);
        List<Map<String, Object>> teachers = List.of(Map.of("name", "t1", "architecture", "vgg"),
                Map.of("name", "t2", "architecture", "compact"));
        SoftTargets written = SoftTargets.of(p, train, teachers, Map.of("accuracy", 0.7, "faces", 12L), "the command");
        Path file = dir.resolve("t" + SoftTargets.SUFFIX);
        written.write(file);
        SoftTargets read = SoftTargets.read(file);
        assertEquals(30, read.faces());
        assertEquals("the command", read.command());
        assertEquals(0.7, ((Number) read.publicTest().get("accuracy")).doubleValue(), 1e-12);
        assertEquals("vgg", read.teachers().get(0).get("architecture"));
        assertEquals(Checkpoints.sha256(file), read.checksum());
        for (int i = 0; i < 30; i++) {
            float[] back = read.probabilities(i);
            assertArrayEquals(written.probabilities(i), back, 0f, "what is written is what was kept, face " + i);
            for (int c = 0; c < 7; c++) {
                assertEquals(p[i][c], back[c], Math.max(1e-12, p[i][c] * 6e-4), "face " + i + " class " + c);
            }
        }
        read.requireFor(train);
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            NDArray x = m.zeros(new Shape(3, 1, 40, 40));
            int[] sampleFaces = {5, 0, 5};
            float[] logits = read.logits(x, sampleFaces).toFloatArray();
            assertEquals(21, logits.length);
            for (int s = 0; s < 3; s++) {
                float[] want = read.probabilities(sampleFaces[s]);
                for (int c = 0; c < 7; c++) {
                    assertTrue(Float.isFinite(logits[s * 7 + c]), "a finite logit for a zero probability");
                    assertEquals(want[c], Math.exp(logits[s * 7 + c]), 1e-6, "sample " + s + " class " + c);
                }
            }
        }
        assertTrue(read.toString().contains("t1 (vgg) + t2 (compact)"), read.toString());
    }

    @Test
    void targetsAreRefusedForOtherFacesAnotherOrderOrASubset(@TempDir Path dir) throws Exception {
        FaceSet train = faces(20, 3);
        Path file = dir.resolve("t" + SoftTargets.SUFFIX);
        SoftTargets.of(distributions(20, 4), train, List.of(), null, null).write(file);
        SoftTargets read = SoftTargets.read(file);
        List<byte[]> pixels = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        int[] labels = new int[20];
        for (int i = 0; i < 20; i++) {
            int j = i < 2 ? 1 - i : i; // the first two faces swapped
            pixels.add(train.pixels(j));
            ids.add(train.id(j));
            labels[i] = train.label(j);
        }
        String own = SoftTargets.orderChecksum(train);
        for (FaceSet other : List.of(new FaceSet(pixels, labels, ids), train.firstPerClass(2), faces(20, 99))) {
            IOException e = assertThrows(IOException.class, () -> read.requireFor(other));
            assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains(own)
                    && e.getMessage().contains(SoftTargets.orderChecksum(other)), e.getMessage());
        }
        IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
                () -> SoftTargets.of(distributions(19, 4), train, List.of(), null, null));
        assertTrue(rows.getMessage().contains("19") && rows.getMessage().contains("20"), rows.getMessage());
        float[][] bad = distributions(20, 4);
        bad[7][3] += 0.5f;
        IllegalArgumentException sum = assertThrows(IllegalArgumentException.class,
                () -> SoftTargets.of(bad, train, List.of(), null, null));
        assertTrue(sum.getMessage().contains("face7"), sum.getMessage());
    }

    @Test
    void aFileThatIsNotSoftTargetsIsRefusedNamingItAndWhatIsWrong(@TempDir Path dir) throws Exception {
        FaceSet train = faces(10, 5);
        Path good = dir.resolve("good.json");
        SoftTargets.of(distributions(10, 6), train, List.of(), null, null).write(good);
        String text = Files.readString(good);
        Map<String, String> cases = Map.of(
                "{not json", "not valid JSON",
                "{\"format\": \"something-else\"}", "not a soft-targets file",
                text.replace("\"faces\": 10", "\"faces\": 11"), "11 faces need 77",
                text.replace("\"faces\": 10", "\"faces\": \"ten\""), "malformed");
        int k = 0;
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Path f = dir.resolve("bad" + k++ + ".json");
            Files.writeString(f, c.getKey());
            IOException e = assertThrows(IOException.class, () -> SoftTargets.read(f), c.getKey());
            assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains(c.getValue()), e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
    }
}
