package io.emojify.trainer.data;

import io.emojify.image.ImageDecoder;
import io.emojify.image.ImageDecodingException;
import io.emojify.image.Images;
import io.emojify.emotion.Emotion;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads FER-2013 in both forms users download: the image-folder layout ({@code split/class/*.jpg}) and the original
 * {@code fer2013.csv} ({@code emotion,pixels,Usage}). Decodes once into memory.
 *
 * <p>Copes with the data set's quirks: an id found in two class folders is dropped from both (its label is unknown), blank
 * (constant) images are dropped, byte-identical duplicates are counted and kept, and a file that cannot be decoded is
 * skipped and named in the log. Images are decoded by the library's one decoding entry point ({@link ImageDecoder}: its
 * pixel limit, truncated JPEGs refused); images of any size or colour are converted to 48x48 grayscale. CSV rows are
 * refused, counted and logged when a pixel value is outside 0-255 or the row is malformed (wrong number of fields or
 * pixels, an unknown label or usage, text where numbers belong); fields in double quotes are read without the quotes.
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
        /** CSV rows refused because a pixel value is outside 0-255 (also listed in {@link #unreadable}). */
        public int outOfRange;
        /** CSV rows refused as malformed: fields, label, usage or pixel count (also listed in {@link #unreadable}). */
        public int malformed;
        /** SHA-256 over the sorted per-image hashes: identifies the exact data that was read. */
        public String checksum;

        /** @return the number of files or rows that were dropped as unusable */
        public int dropped() {
            return unreadable.size();
        }

        @Override
        public String toString() {
            return "kept=" + kept + " unreadable=" + unreadable.size() + " (pixelsOutOfRange=" + outOfRange
                    + " malformedRows=" + malformed + ") blank=" + blank + " conflictingLabels=" + conflicting
                    + " duplicates=" + duplicates;
        }
    }

    private static final ImageDecoder DECODER = new ImageDecoder();
    /** The usages fer2013.csv has; a row with another is malformed. */
    private static final Set<String> USAGES = Set.of("Training", "PublicTest", "PrivateTest");
    /** Dropped rows logged one by one; the rest are only counted. */
    private static final int ROWS_LOGGED = 10;

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
            try {
                BufferedImage img = DECODER.read(f); // names the file and what was wrong
                b.add(toGray48(img), labelOf.get(f).index(), dir.relativize(f).toString());
            } catch (ImageDecodingException ex) {
                r.unreadable.add(f.toString());
                LOG.warn("Skipped {}", ex.getMessage());
            } catch (RuntimeException ex) {
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
                if (line.isBlank()) {
                    continue;
                }
                String[] parts = line.split(",", -1);
                boolean extra = false;
                for (int i = 3; i < parts.length; i++) {
                    extra |= !parts[i].isBlank();
                }
                String usage = parts.length >= 3 && !extra ? unquote(parts[2]) : null;
                if (usage == null || !USAGES.contains(usage)) {
                    r.malformed++;
                    drop(r, csv, row, usage == null ? parts.length + " fields, expected 3 (emotion,pixels,Usage)"
                            : "unknown usage '" + shorten(usage) + "', expected one of " + USAGES);
                    continue;
                }
                if (!usages.contains(usage)) {
                    continue;
                }
                String why = null;
                boolean outOfRange = false;
                byte[] px = new byte[FaceSet.SIDE * FaceSet.SIDE];
                int label = -1;
                try {
                    label = Integer.parseInt(unquote(parts[0]));
                    String[] values = unquote(parts[1]).split("\\s+");
                    if (label < 0 || label >= Emotion.values().length) {
                        why = "label " + label + ", expected 0 to " + (Emotion.values().length - 1);
                    } else if (values.length != px.length) {
                        why = values.length + " pixels, expected " + px.length;
                    } else {
                        for (int i = 0; i < px.length && why == null; i++) {
                            int v = Integer.parseInt(values[i]);
                            if (v < 0 || v > 255) {
                                outOfRange = true;
                                why = "pixel " + (i + 1) + " is " + v + ", outside 0-255";
                            }
                            px[i] = (byte) v;
                        }
                    }
                } catch (NumberFormatException ex) {
                    why = "not a number: " + shorten(ex.getMessage());
                }
                if (why != null) {
                    if (outOfRange) {
                        r.outOfRange++;
                    } else {
                        r.malformed++;
                    }
                    drop(r, csv, row, why);
                    continue;
                }
                b.add(px, label, "row " + row);
            }
            if (r.dropped() > ROWS_LOGGED) {
                LOG.warn("Skipped {} rows of {} in all ({} with pixel values outside 0-255, {} malformed); the first {} "
                        + "are named above", r.dropped(), csv, r.outOfRange, r.malformed, ROWS_LOGGED);
            }
        } catch (UncheckedIOException ex) {
            throw ex.getCause();
        }
        return b.finish(csv + " " + usages);
    }

    private static void drop(Report r, Path csv, int row, String why) {
        r.unreadable.add("row " + row + " (" + why + ")");
        if (r.unreadable.size() <= ROWS_LOGGED) {
            LOG.warn("Skipped row {} of {}: {}", row, csv, why);
        }
    }

    private static String unquote(String field) {
        String f = field.trim();
        if (f.length() >= 2 && f.charAt(0) == '"' && f.charAt(f.length() - 1) == '"') {
            f = f.substring(1, f.length() - 1).trim();
        }
        return f;
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    /**
     * Converts any image to 48x48 8-bit grayscale: the library's conversion ({@link Images#toGray}), then resized with
     * bilinear interpolation when it has another size (gray to gray, so no second conversion).
     *
     * @param img the image
     * @return 2,304 row-major pixels
     */
    public static byte[] toGray48(BufferedImage img) {
        BufferedImage gray = Images.toGray(img);
        if (gray.getWidth() != FaceSet.SIDE || gray.getHeight() != FaceSet.SIDE) {
            gray = Images.scaled(gray, FaceSet.SIDE, FaceSet.SIDE, BufferedImage.TYPE_BYTE_GRAY);
        }
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
