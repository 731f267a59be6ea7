package io.emojify.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Locates the project's read-only shared folder (FER-2013, face photos, emoji pack, third-party models) for tests. The
 * folder comes from the system property {@code emojify.shared} (Maven passes {@code -Demojify.shared=...}; {@code .ci/run}
 * sets it) or the environment variable {@code EMOJIFY_SHARED}. Without it, tests that need it are skipped with a message
 * that says so.
 */
public final class SharedData {

    /** The system property naming the shared folder. */
    public static final String PROPERTY = "emojify.shared";

    private SharedData() {}

    /**
     * Returns the shared folder, or skips the calling test when it is not set.
     *
     * @return the folder
     */
    public static Path require() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            value = System.getenv("EMOJIFY_SHARED");
        }
        assumeTrue(value != null && !value.isBlank(), "Skipped: this test reads the shared data folder; run with"
                + " -Demojify.shared=../shared (as .ci/run does) to enable it");
        Path p = Paths.get(value).toAbsolutePath().normalize();
        assumeTrue(Files.isDirectory(p), "Skipped: -Demojify.shared=" + value + " is not a folder");
        if (System.getProperty("emojify.models") == null) {
            System.setProperty("emojify.models", p.resolve("models").toString());
        }
        return p;
    }

    /**
     * Returns a path inside the shared folder, skipping the calling test when the folder is not set.
     *
     * @param relative for example {@code data/faces/photos/2.jpg}
     * @return the path
     */
    public static Path require(String relative) {
        Path p = require().resolve(relative);
        assumeTrue(Files.exists(p), "Skipped: " + p + " does not exist");
        return p;
    }
}
