package io.emojify.testing;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Files for tests: names given as bytes, and the JVM's crash reports. */
public final class TestFiles {

    private TestFiles() {}

    /**
     * A path whose last name is given percent-encoded, as bytes: so that a test running under {@code LANG=C} can still
     * make a file whose name has non-ASCII letters.
     *
     * @param folder the folder
     * @param percentEncodedName the name, such as {@code caf%C3%A9.jpg}
     * @return the path
     */
    public static Path named(Path folder, String percentEncodedName) {
        String base = folder.toAbsolutePath().toUri().toString();
        return Path.of(URI.create(base + (base.endsWith("/") ? "" : "/") + percentEncodedName));
    }

    /**
     * @param folder a folder
     * @return the hs_err_pid files (JVM crash reports) in it
     */
    public static List<File> crashReports(Path folder) {
        File[] files = folder.toFile().listFiles((d, n) -> n.startsWith("hs_err_pid"));
        return files == null ? List.of() : List.of(files);
    }

    /**
     * Every file below a folder, by its path relative to it, with its bytes' hash: to tell what a run wrote or changed.
     *
     * @param dir the folder; an absent one has no files
     * @return the files, sorted by path
     * @throws IOException if the folder cannot be read
     */
    public static Map<String, Integer> contents(Path dir) throws IOException {
        Map<String, Integer> all = new TreeMap<>();
        if (!Files.exists(dir)) {
            return all;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                all.put(dir.relativize(p).toString(), Arrays.hashCode(Files.readAllBytes(p)));
            }
        }
        return all;
    }
}
