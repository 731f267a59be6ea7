package io.emojify.trainer.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoint folders {@code epoch-NNNN/} under a run folder, each written completely into a temporary folder and then
 * renamed into place, with a {@code SHA256SUMS} file over its contents. The newest checkpoint whose sums verify is the one
 * resumed from; a corrupt or half-written one is logged and passed over. The last {@value #KEEP} are kept.
 */
public final class Checkpoints {

    /** The file that lists the SHA-256 of every other file of a checkpoint. */
    public static final String SUMS = "SHA256SUMS";
    /** The file with the run's state. */
    public static final String STATE = "state.json";

    static final int KEEP = 2;
    private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

    /** Writes the files of one checkpoint into a folder. */
    @FunctionalInterface
    public interface Writer {
        /**
         * @param dir the (temporary) folder to write into
         * @throws IOException if writing fails
         */
        void write(Path dir) throws IOException;
    }

    private final Path root;

    /**
     * @param root the run folder
     */
    public Checkpoints(Path root) {
        this.root = root;
    }

    /**
     * Saves a checkpoint atomically.
     *
     * @param state the state (written as {@code state.json})
     * @param files writes the other files
     * @return the checkpoint folder
     * @throws IOException if writing fails (nothing half-written is left under a checkpoint name)
     */
    public Path save(TrainingState state, Writer files) throws IOException {
        Files.createDirectories(root);
        String name = String.format(Locale.ROOT, "epoch-%04d", state.epochsDone);
        Path tmp = Files.createTempDirectory(root, ".tmp-" + name);
        try {
            files.write(tmp);
            Files.writeString(tmp.resolve(STATE), GSON.toJson(state));
            StringBuilder sums = new StringBuilder();
            try (Stream<Path> list = Files.list(tmp)) {
                for (Path f : list.sorted().toList()) {
                    sums.append(sha256(f)).append("  ").append(f.getFileName()).append('\n');
                }
            }
            Files.writeString(tmp.resolve(SUMS), sums);
            Path target = root.resolve(name);
            if (Files.exists(target)) {
                deleteTree(target);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target);
            }
            prune();
            return target;
        } finally {
            if (Files.exists(tmp)) {
                deleteTree(tmp);
            }
        }
    }

    /**
     * Finds the newest checkpoint whose files match their sums.
     *
     * @return its folder, or empty when there is none
     * @throws IOException if the run folder cannot be listed
     */
    public Optional<Path> latestValid() throws IOException {
        for (Path dir : list()) {
            String problem = verify(dir);
            if (problem == null) {
                return Optional.of(dir);
            }
            LOG.warn("Checkpoint {} is not usable ({}); trying the one before it", dir, problem);
        }
        return Optional.empty();
    }

    /**
     * Reads the state of a checkpoint.
     *
     * @param dir the checkpoint folder
     * @return the state
     * @throws IOException if it cannot be read
     */
    public static TrainingState readState(Path dir) throws IOException {
        return readStateFile(dir.resolve(STATE));
    }

    /**
     * Reads a state file: a checkpoint's, or the copy that {@code keep-half} keeps beside its weights.
     *
     * @param file the JSON file
     * @return the state
     * @throws IOException if it cannot be read
     */
    public static TrainingState readStateFile(Path file) throws IOException {
        return GSON.fromJson(Files.readString(file), TrainingState.class);
    }

    /**
     * Checks a checkpoint against its sums.
     *
     * @param dir the checkpoint folder
     * @return null when it is complete and intact, else what is wrong
     */
    public static String verify(Path dir) {
        Path sums = dir.resolve(SUMS);
        if (!Files.isRegularFile(sums)) {
            return "no " + SUMS;
        }
        try {
            List<String> lines = Files.readAllLines(sums, StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                return SUMS + " is empty";
            }
            for (String line : lines) {
                String[] parts = line.split("  ", 2);
                if (parts.length != 2) {
                    return "malformed line in " + SUMS + ": " + line;
                }
                Path f = dir.resolve(parts[1]);
                if (!Files.isRegularFile(f)) {
                    return parts[1] + " is missing";
                }
                String actual = sha256(f);
                if (!actual.equals(parts[0])) {
                    return parts[1] + " has SHA-256 " + actual + ", expected " + parts[0];
                }
            }
            return null;
        } catch (IOException e) {
            return e.toString();
        }
    }

    private List<Path> list() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> p.getFileName().toString().matches("epoch-\\d{4,}") && Files.isDirectory(p))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
                    .toList();
        }
    }

    /**
     * Deletes every checkpoint folder of the run.
     *
     * @throws IOException if one cannot be deleted
     */
    void clear() throws IOException {
        for (Path dir : list()) {
            deleteTree(dir);
        }
    }

    private void prune() throws IOException {
        List<Path> all = new ArrayList<>(list());
        for (int i = KEEP; i < all.size(); i++) {
            deleteTree(all.get(i));
        }
    }

    /**
     * Computes a file's SHA-256.
     *
     * @param f the file
     * @return lower-case hex
     * @throws IOException if it cannot be read
     */
    public static String sha256(Path f) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(f), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
