package io.emojify.trainer.data;

import io.emojify.image.Images;
import io.emojify.emotion.Emotion;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads FER-2013 in both forms users download: the image-folder layout ({@code split/class/*.jpg}) and the original
 * {@code fer2013.csv} ({@code emotion,pixels,Usage}). Decodes once into memory.
 *
 * <p>Copes with the data set's quirks: an id found in two class folders is dropped from both (its label is unknown), blank
 * (constant) images are dropped, byte-identical duplicates are counted and kept, and a file that cannot be decoded is
 * skipped and named in the log. Images of any size or colour are converted to 48x48 grayscale.
 */
public final class Fer2013Loader {

    private static final Logger LOG = LoggerFactory.getLogger(Fer2013Loader.class);

    /** What loading found besides the images: the counts of the quirks. */
    public static final class Report {
        /** Images decoded and kept. */
        public int kept;
        /** Files that could not be decoded (skipped). */
        public final List<String> unreadable = new ArrayList<>();
        /** Blank (constant) images dropped. */
        public int blank;
        /** Images whose id appeared under two classes (dropped). */
        public int conflicting;
        /** Images whose bytes equal an earlier image's (kept). */
        public int duplicates;
        /** SHA-256 over the sorted per-image hashes: identifies the exact data that was read. */
        public String checksum;

        @Override
        public String toString() {
            return "kept=" + kept + " unreadable=" + unreadable.size() + " blank=" + blank + " conflictingLabels="
                    + conflicting + " duplicates=" + duplicates;
        }
    }

    private Fer2013Loader() {}

    /**
     * Loads one split of the folder layout: {@code dir/<class>/*} where the class folders are named by the FER classes
     * (any subset of the seven).
     *
     * @param dir the split folder (for example {@code fer2013/train})
     * @param report receives the counts; may be null
     * @return the images
     * @throws IOException if the folder cannot be listed or holds no class folder
     */
    public static FaceSet loadFolder(Path dir, Report report) throws IOException {
        Report r = report == null ? new Report() : report;
        if (!Files.isDirectory(dir)) {
            throw new IOException("Not a folder: " + dir);
        }
        Map<String, List<Path>> byId = new HashMap<>();
        Map<Path, Emotion> labelOf = new HashMap<>();
        boolean anyClass = false;
        for (Emotion e : Emotion.values()) {
            Path classDir = dir.resolve(e.label());
            if (!Files.isDirectory(classDir)) {
                continue;
            }
            anyClass = true;
            try (Stream<Path> files = Files.list(classDir)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    labelOf.put(f, e);
                    byId.computeIfAbsent(f.getFileName().toString(), k -> new ArrayList<>()).add(f);
                }
            }
        }
        if (!anyClass) {
            throw new IOException("No class folder (" + Emotion.labels() + ") in " + dir);
        }
        List<Path> ordered = new ArrayList<>();
        for (Map.Entry<String, List<Path>> entry : byId.entrySet()) {
            List<Path> paths = entry.getValue();
            Set<Emotion> classes = new HashSet<>();
            paths.forEach(p -> classes.add(labelOf.get(p)));
            if (classes.size() > 1) {
                r.conflicting += paths.size();
                LOG.info("{} appears under {}: dropped (its label is unknown)", entry.getKey(), classes);
                continue;
            }
            ordered.addAll(paths);
        }
        ordered.sort(null);
        Builder b = new Builder(r);
        for (Path f : ordered) {
            try (InputStream in = Files.newInputStream(f)) {
                byte[] bytes = in.readAllBytes();
                BufferedImage img = ImageIO.read(new java.io.ByteArrayInputStream(bytes));
                if (img == null || img.getWidth() < 1 || img.getHeight() < 1) {
                    r.unreadable.add(f.toString());
                    LOG.warn("Skipped {}: not a readable image", f);
                    continue;
                }
                b.add(toGray48(img), labelOf.get(f).index(), dir.relativize(f).toString());
            } catch (IOException | RuntimeException ex) {
                r.unreadable.add(f.toString());
                LOG.warn("Skipped {}: {}", f, ex.toString());
            }
        }
        return b.finish(dir.toString());
    }

    /**
     * Loads the rows of the original {@code fer2013.csv} whose {@code Usage} is one of the given values.
     *
     * @param csv the CSV file
     * @param usages the usages to keep, for example {@code Training} or {@code PublicTest}
     * @param report receives the counts; may be null
     * @return the images
     * @throws IOException if the file cannot be read or its header is not FER-2013's
     */
    public static FaceSet loadCsv(Path csv, Set<String> usages, Report report) throws IOException {
        Report r = report == null ? new Report() : report;
        Builder b = new Builder(r);
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null || !header.trim().toLowerCase(Locale.ROOT).startsWith("emotion,pixels")) {
                throw new IOException(csv + " is not fer2013.csv: header is '" + header + "', expected 'emotion,pixels,Usage'");
            }
            String line;
            int row = 1;
            while ((line = in.readLine()) != null) {
                row++;
                String[] parts = line.split(",");
                if (parts.length < 3 || !usages.contains(parts[2].trim())) {
                    continue;
                }
                try {
                    int label = Integer.parseInt(parts[0].trim());
                    String[] values = parts[1].trim().split(" ");
                    if (label < 0 || label >= Emotion.values().length || values.length != FaceSet.SIDE * FaceSet.SIDE) {
                        throw new IllegalArgumentException("label " + label + ", " + values.length + " pixels");
                    }
                    byte[] px = new byte[values.length];
                    for (int i = 0; i < px.length; i++) {
                        px[i] = (byte) Integer.parseInt(values[i]);
                    }
                    b.add(px, label, "row " + row);
                } catch (RuntimeException ex) {
                    r.unreadable.add("row " + row);
                    LOG.warn("Skipped row {} of {}: {}", row, csv, ex.getMessage());
                }
            }
        } catch (UncheckedIOException ex) {
            throw ex.getCause();
        }
        return b.finish(csv + " " + usages);
    }

    /**
     * Converts any image to 48x48 8-bit grayscale (resized with bilinear interpolation when it has another size).
     *
     * @param img the image
     * @return 2,304 row-major pixels
     */
    public static byte[] toGray48(BufferedImage img) {
        BufferedImage gray = Images.scaled(img, FaceSet.SIDE, FaceSet.SIDE, BufferedImage.TYPE_BYTE_GRAY);
        byte[] out = new byte[FaceSet.SIDE * FaceSet.SIDE];
        gray.getRaster().getDataElements(0, 0, FaceSet.SIDE, FaceSet.SIDE, out);
        return out;
    }

    /** Collects images, drops blanks, counts duplicates and computes the checksum. */
    private static final class Builder {
        private final Report report;
        private final List<byte[]> pixels = new ArrayList<>();
        private final List<Integer> labels = new ArrayList<>();
        private final List<String> ids = new ArrayList<>();
        private final Set<String> seen = new HashSet<>();
        private final List<String> hashes = new ArrayList<>();
        private final MessageDigest sha;

        Builder(Report report) {
            this.report = report;
            try {
                this.sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        void add(byte[] px, int label, String id) {
            byte first = px[0];
            boolean constant = true;
            for (byte v : px) {
                if (v != first) {
                    constant = false;
                    break;
                }
            }
            if (constant) {
                report.blank++;
                return;
            }
            String h = HexFormat.of().formatHex(sha.digest(px));
            if (!seen.add(h)) {
                report.duplicates++;
            }
            hashes.add(h + label);
            pixels.add(px);
            labels.add(label);
            ids.add(id);
        }

        FaceSet finish(String source) {
            report.kept = pixels.size();
            List<String> sorted = new ArrayList<>(hashes);
            sorted.sort(null);
            for (String h : sorted) {
                sha.update(h.getBytes(StandardCharsets.US_ASCII));
            }
            report.checksum = HexFormat.of().formatHex(sha.digest());
            FaceSet set = new FaceSet(pixels, labels.stream().mapToInt(Integer::intValue).toArray(), ids);
            int[] counts = set.classCounts(Emotion.values().length);
            StringBuilder sb = new StringBuilder();
            for (Emotion e : Emotion.values()) {
                sb.append(e.label()).append('=').append(counts[e.index()]).append(' ');
            }
            LOG.info("Loaded {}: {}; {}", source, report, sb.toString().trim());
            return set;
        }
    }
}
