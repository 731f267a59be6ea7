package io.emojify.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelResolverTest {

    private static final byte[] CONTENT = "model bytes".getBytes(StandardCharsets.UTF_8);

    private static ModelFile file() throws Exception {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(CONTENT));
        return new ModelFile("det/model.onnx", URI.create("https://example.invalid/model.onnx"), sha);
    }

    @Test
    void aLocalFolderIsVerifiedAndUsedInPlace(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("det"));
        Files.write(dir.resolve("det/model.onnx"), CONTENT);
        ModelResolver r = new ModelResolver(dir, dir.resolve("cache"), true, (f, out) -> {
            throw new AssertionError("must not download");
        });
        assertEquals(dir.resolve("det/model.onnx"), r.resolve(file()));
        Files.write(dir.resolve("det/model.onnx"), "tampered".getBytes(StandardCharsets.UTF_8));
        ModelException e = assertThrows(ModelException.class, () -> r.resolve(file()));
        assertTrue(e.getMessage().contains(file().sha256()) && e.getMessage().contains("model.onnx"), e.getMessage());
    }

    @Test
    void aMissingLocalFileNamesTheFileHashAndSetting(@TempDir Path dir) throws Exception {
        ModelResolver r = new ModelResolver(dir, dir.resolve("cache"), false, (f, out) -> out.write(CONTENT));
        ModelException e = assertThrows(ModelException.class, () -> r.resolve(file()));
        assertTrue(e.getMessage().contains("det/model.onnx") && e.getMessage().contains(file().sha256())
                && e.getMessage().contains("emojify.models"), e.getMessage());
    }

    @Test
    void downloadsAreVerifiedCachedAndATamperedCacheIsReplaced(@TempDir Path dir) throws Exception {
        AtomicInteger downloads = new AtomicInteger();
        ModelResolver r = new ModelResolver(null, dir, false, (f, out) -> {
            downloads.incrementAndGet();
            out.write(CONTENT);
        });
        Path p = r.resolve(file());
        assertEquals(dir.resolve("det/model.onnx"), p);
        r.resolve(file());
        assertEquals(1, downloads.get(), "a valid cached file is not fetched again");
        Files.write(p, "truncat".getBytes(StandardCharsets.UTF_8));
        r.resolve(file());
        assertEquals(2, downloads.get(), "a tampered cached file is fetched again");
        assertTrue(java.util.Arrays.equals(CONTENT, Files.readAllBytes(p)));
    }

    @Test
    void aBadDownloadIsNeverUsedNorLeftBehind(@TempDir Path dir) throws Exception {
        ModelResolver r = new ModelResolver(null, dir, false, (f, out) -> out.write("evil".getBytes(StandardCharsets.UTF_8)));
        ModelException e = assertThrows(ModelException.class, () -> r.resolve(file()));
        assertTrue(e.getMessage().contains(file().sha256()), e.getMessage());
        try (var files = Files.list(dir.resolve("det"))) {
            assertEquals(List.of(), files.filter(f -> !f.toString().endsWith(".lock")).toList());
        }
    }

    @Test
    void offlineWithoutACacheIsAClearError(@TempDir Path dir) throws Exception {
        ModelResolver r = new ModelResolver(null, dir, true, (f, out) -> out.write(CONTENT));
        ModelException e = assertThrows(ModelException.class, () -> r.resolve(file()));
        assertTrue(e.getMessage().contains("emojify.offline") && e.getMessage().contains("EMOJIFY_MODELS"),
                e.getMessage());
    }

    @Test
    void concurrentFetchesDownloadOnce(@TempDir Path dir) throws Exception {
        AtomicInteger downloads = new AtomicInteger();
        ModelResolver r = new ModelResolver(null, dir, false, (f, out) -> {
            downloads.incrementAndGet();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.write(CONTENT);
        });
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Path>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> r.resolve(file())));
            }
            for (Future<Path> f : results) {
                assertTrue(java.util.Arrays.equals(CONTENT, Files.readAllBytes(f.get())));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, downloads.get());
    }

    @Test
    void onlyHttpsAndSafePathsAreAccepted() {
        assertThrows(IllegalArgumentException.class,
                () -> new ModelFile("a.onnx", URI.create("http://example.invalid/a"), "0".repeat(64)));
        assertThrows(IllegalArgumentException.class,
                () -> new ModelFile("../a.onnx", URI.create("https://example.invalid/a"), "0".repeat(64)));
        assertThrows(IllegalArgumentException.class,
                () -> new ModelFile("a.onnx", URI.create("https://example.invalid/a"), "xyz"));
    }

    @Test
    void aFarTooLargeFileIsRefusedBeforeHashingNamingItsSize(@TempDir Path dir) throws Exception {
        long fourGiB = 4L * 1024 * 1024 * 1024;
        Files.createDirectories(dir.resolve("det"));
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(dir.resolve("det/model.onnx").toFile(), "rw")) {
            f.setLength(fourGiB); // sparse: takes no disk space, but hashing it would read 4 GiB of zeros
        }
        ModelResolver local = new ModelResolver(dir, dir.resolve("cache"), true, (f, out) -> {
            throw new AssertionError("must not download");
        });
        long start = System.nanoTime();
        ModelException e = assertThrows(ModelException.class, () -> local.resolve(file()));
        assertTrue(e.getMessage().contains(dir.resolve("det/model.onnx").toString())
                && e.getMessage().contains(fourGiB + " bytes") && e.getMessage().contains("before hashing"),
                e.getMessage());

        // the same file in the cache is not hashed either: it is replaced by a fresh download
        Path cache = dir.resolve("cache");
        Files.createDirectories(cache.resolve("det"));
        Files.move(dir.resolve("det/model.onnx"), cache.resolve("det/model.onnx"));
        AtomicInteger downloads = new AtomicInteger();
        ModelResolver cached = new ModelResolver(null, cache, false, (f, out) -> {
            downloads.incrementAndGet();
            out.write(CONTENT);
        });
        Path p = cached.resolve(file());
        assertEquals(1, downloads.get());
        assertTrue(java.util.Arrays.equals(CONTENT, Files.readAllBytes(p)));
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertTrue(seconds < 5, "took " + seconds + " s: the 4 GiB file was read");
    }
}
