package io.emojify.trainer.train;

import io.emojify.io.AtomicFiles;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.ToNumberPolicy;
import io.emojify.trainer.data.FaceSet;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A teacher's outputs written once for every training face: its probabilities over the seven classes, each face seen as
 * the teacher was validated (ten crops for a network trained on crops, the face and its mirror image for one trained on
 * whole faces), the members of an ensemble averaged. Distilling from them costs no teacher forward pass per step, lets a
 * network learn from a teacher of another input size (the paper's 40x40 VGG teaching the 48x48 {@code compact}), and is
 * small enough to keep with the project (about 0.5 MB for FER-2013's 28,709 training faces).
 *
 * <p>The file is one JSON object: the teachers' provenance, the PublicTest accuracy of their combined outputs, the
 * checksum of the training faces in order, and the log-probabilities as base64 of unsigned 16-bit big-endian numbers
 * {@code round(-ln p * 2000)} (a step of 0.0005 in log-probability; probabilities below {@code e^-32} are stored as
 * {@code e^-32}). The student's augmentation flips faces; the targets are the same for a face and its mirror image, so a
 * flipped face keeps its target.
 *
 * <p>Immutable; {@link #logits} may be called from one training thread at a time.
 */
public final class SoftTargets implements Teacher {

    /** The format name written in every file. */
    public static final String FORMAT = "emojify-soft-targets/1";
    /** The file name ending {@code teach} writes. */
    public static final String SUFFIX = ".soft-targets.json";

    private static final int CLASSES = 7;
    private static final double SCALE = 2000;
    private static final double FLOOR = -32;

    private final float[] logProbabilities;
    private final int faces;
    private final String dataChecksum;
    private final List<Map<String, Object>> teachers;
    private final Map<String, Object> publicTest;
    private final String command;
    private final Path file;

    private SoftTargets(float[] logProbabilities, String dataChecksum, List<Map<String, Object>> teachers,
            Map<String, Object> publicTest, String command, Path file) {
        this.logProbabilities = logProbabilities;
        this.faces = logProbabilities.length / CLASSES;
        this.dataChecksum = dataChecksum;
        this.teachers = List.copyOf(teachers);
        this.publicTest = publicTest == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(publicTest));
        this.command = command;
        this.file = file;
    }

    /**
     * Makes soft targets from probabilities.
     *
     * @param probabilities one row of seven probabilities per training face, in the training set's order
     * @param train the training faces they were computed on
     * @param teachers what each teacher was (name, architecture, weights checksum, how it saw the faces), for provenance
     * @param publicTest the combined outputs' PublicTest measurements (accuracy, faces), or {@code null}
     * @param command the command that wrote them, or {@code null}
     * @return the soft targets
     * @throws IllegalArgumentException if the rows do not match the faces or a row is not a distribution
     */
    public static SoftTargets of(float[][] probabilities, FaceSet train, List<Map<String, Object>> teachers,
            Map<String, Object> publicTest, String command) {
        if (probabilities.length != train.size()) {
            throw new IllegalArgumentException(probabilities.length + " rows of probabilities for " + train.size()
                    + " training faces");
        }
        float[] logs = new float[probabilities.length * CLASSES];
        for (int i = 0; i < probabilities.length; i++) {
            float[] p = probabilities[i];
            double sum = 0;
            for (float v : p) {
                sum += v;
            }
            if (p.length != CLASSES || !(Math.abs(sum - 1) < 1e-3)) {
                throw new IllegalArgumentException("face " + i + " (" + train.id(i) + "): " + p.length
                        + " probabilities summing to " + sum + "; expected 7 summing to 1");
            }
            for (int c = 0; c < CLASSES; c++) {
                logs[i * CLASSES + c] = (float) quantise(Math.log(p[c]));
            }
        }
        return new SoftTargets(logs, orderChecksum(train), teachers, publicTest, command, null);
    }

    /**
     * Tells a soft-targets file from a model folder, as {@code train --teacher} names either.
     *
     * @param teacher what a run names as its teacher
     * @return true if it names a file (read with {@link #read}), false if a model folder
     */
    public static boolean isSoftTargets(Path teacher) {
        return Files.isRegularFile(teacher);
    }

    /**
     * Reads a file that {@link #write} wrote.
     *
     * @param file the file
     * @return the soft targets
     * @throws IOException if the file cannot be read or is not a soft-targets file (the message names it and what was wrong)
     */
    @SuppressWarnings("unchecked")
    public static SoftTargets read(Path file) throws IOException {
        Map<String, Object> json;
        try {
            json = gson().fromJson(Files.readString(file, StandardCharsets.UTF_8), Map.class);
        } catch (JsonParseException e) {
            throw new IOException("The soft-targets file " + file + " is not valid JSON: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
        }
        if (json == null || !FORMAT.equals(json.get("format"))) {
            throw new IOException("The file " + file + " is not a soft-targets file: its format is "
                    + (json == null ? "missing" : json.get("format")) + ", expected " + FORMAT);
        }
        try {
            int faces = ((Number) json.get("faces")).intValue();
            byte[] bytes = Base64.getDecoder().decode((String) json.get("logProbabilities"));
            if (bytes.length != faces * CLASSES * 2) {
                throw new IOException("The soft-targets file " + file + " holds " + bytes.length / 2
                        + " log-probabilities; " + faces + " faces need " + faces * CLASSES);
            }
            ByteBuffer in = ByteBuffer.wrap(bytes);
            float[] logs = new float[faces * CLASSES];
            for (int i = 0; i < logs.length; i++) {
                logs[i] = (float) (-Short.toUnsignedInt(in.getShort()) / SCALE);
            }
            return new SoftTargets(logs, (String) json.get("dataChecksum"),
                    (List<Map<String, Object>>) json.get("teachers"), (Map<String, Object>) json.get("publicTest"),
                    (String) json.get("command"), file);
        } catch (ClassCastException | NullPointerException | IllegalArgumentException e) {
            throw new IOException("The soft-targets file " + file + " is malformed: " + e, e);
        }
    }

    /**
     * Writes the soft targets, atomically.
     *
     * @param out the file to write
     * @throws IOException if it cannot be written
     */
    public void write(Path out) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(logProbabilities.length * 2);
        for (float v : logProbabilities) {
            bytes.putShort((short) Math.round(-v * SCALE));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", FORMAT);
        json.put("faces", faces);
        json.put("classes", List.of("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"));
        json.put("dataChecksum", dataChecksum);
        json.put("teachers", teachers);
        json.put("publicTest", publicTest);
        json.put("command", command);
        json.put("encoding", "base64 of unsigned 16-bit big-endian round(-ln p * " + (int) SCALE + "), one row of 7 per "
                + "training face in the order the trainer reads them");
        json.put("logProbabilities", Base64.getEncoder().encodeToString(bytes.array()));
        AtomicFiles.writeString(out, AtomicFiles.Existing.REPLACE, gson().toJson(json));
    }

    /**
     * Checks that these targets were written for exactly these training faces, in this order.
     *
     * @param train the training faces of the run
     * @throws IOException if they were written for other faces (the message names the file and both checksums)
     */
    public void requireFor(FaceSet train) throws IOException {
        String actual = orderChecksum(train);
        if (train.size() != faces || !actual.equals(dataChecksum)) {
            throw new IOException("The soft targets " + (file == null ? "" : file + " ") + "were written for " + faces
                    + " training faces with checksum " + dataChecksum + "; this run trains on " + train.size()
                    + " faces with checksum " + actual + " (other data, another order or --limit-per-class)");
        }
    }

    @Override
    public NDArray logits(NDArray x, int[] faceIndices) {
        float[] rows = new float[faceIndices.length * CLASSES];
        for (int i = 0; i < faceIndices.length; i++) {
            System.arraycopy(logProbabilities, faceIndices[i] * CLASSES, rows, i * CLASSES, CLASSES);
        }
        return x.getManager().create(rows, new Shape(faceIndices.length, CLASSES));
    }

    /**
     * @return the SHA-256 of the file these targets were read from
     * @throws IOException if the file cannot be read
     * @throws IllegalStateException if they were not read from a file
     */
    @Override
    public String checksum() throws IOException {
        if (file != null) {
            return Checkpoints.sha256(file);
        }
        throw new IllegalStateException("soft targets not read from a file have no file checksum");
    }

    /**
     * @param face the index of a training face
     * @return its seven target probabilities
     */
    public float[] probabilities(int face) {
        float[] p = new float[CLASSES];
        for (int c = 0; c < CLASSES; c++) {
            p[c] = (float) Math.exp(logProbabilities[face * CLASSES + c]);
        }
        return p;
    }

    /** @return the number of training faces */
    public int faces() {
        return faces;
    }

    /** @return each teacher's provenance, as written */
    public List<Map<String, Object>> teachers() {
        return teachers;
    }

    /** @return the combined outputs' PublicTest measurements, as written (empty if none) */
    public Map<String, Object> publicTest() {
        return publicTest;
    }

    /** @return the command that wrote the file, or {@code null} */
    public String command() {
        return command;
    }

    @Override
    public void close() {
        // plain Java arrays: nothing to release
    }

    @Override
    public String toString() {
        List<String> names = new ArrayList<>();
        for (Map<String, Object> t : teachers) {
            names.add(t.get("name") + " (" + t.get("architecture") + ")");
        }
        return "soft targets of " + String.join(" + ", names);
    }

    /**
     * SHA-256 over the faces' labels and pixels in the set's order: soft targets are read by position, so the same faces
     * in another order must not match.
     *
     * @param set the faces
     * @return lower-case hex
     */
    public static String orderChecksum(FaceSet set) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < set.size(); i++) {
                sha.update((byte) set.label(i));
                sha.update(set.pixels(i));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double quantise(double logP) {
        double clamped = Math.max(FLOOR, Math.min(0, logP));
        return -Math.round(-clamped * SCALE) / SCALE;
    }

    private static Gson gson() {
        return new GsonBuilder().setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE).disableHtmlEscaping()
                .setPrettyPrinting().create();
    }
}
