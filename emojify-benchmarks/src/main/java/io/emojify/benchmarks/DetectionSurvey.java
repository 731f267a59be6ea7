package io.emojify.benchmarks;

import io.emojify.djl.face.DetectorSettings;
import io.emojify.djl.face.YuNetFaceDetector;
import io.emojify.image.ImageDecoder;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Faces found and detection time per photo, for several YuNet settings side by side: how the presets in
 * {@link DetectorSettings} were chosen. Each photo is detected five times after one warm-up; the median time is printed.
 * Prints a Markdown table. Not a JMH benchmark: it compares settings on real photos, where JMH measures one frame.
 *
 * <pre>java -Demojify.models=../shared/models -cp emojify-benchmarks/target/benchmarks.jar
 *     io.emojify.benchmarks.DetectionSurvey ../shared/data/faces [score:maxSide:retrySide ...]</pre>
 *
 * <p>Without settings it compares the former default (0.9:640:0), {@link DetectorSettings#VIDEO} (0.85:640:0) and
 * {@link DetectorSettings#PHOTO} (0.8:2048:240).
 */
public final class DetectionSurvey {

    private DetectionSurvey() {}

    /**
     * Runs the survey.
     *
     * @param args the faces folder (its {@code photos/} and {@code dlib/} JPEGs are read), then settings as
     *     {@code score:maxSide:retrySide}
     * @throws Exception if a photo cannot be read or the model cannot be had
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: DetectionSurvey FACES_DIR [score:maxSide:retrySide ...]");
        }
        Path faces = Path.of(args[0]);
        Map<String, DetectorSettings> settings = new LinkedHashMap<>();
        List<String> specs = args.length > 1 ? List.of(args).subList(1, args.length)
                : List.of("0.9:640:0", "0.85:640:0", "0.8:2048:240");
        for (String spec : specs) {
            String[] p = spec.split(":");
            settings.put(spec, DetectorSettings.PHOTO.withScoreThreshold(Double.parseDouble(p[0]))
                    .withMaxInputSide(Integer.parseInt(p[1])).withRetrySide(Integer.parseInt(p[2])));
        }
        List<Path> files = new ArrayList<>();
        for (String folder : List.of("photos", "dlib")) {
            try (Stream<Path> s = Files.list(faces.resolve(folder))) {
                s.filter(f -> f.toString().endsWith(".jpg")).sorted(DetectionSurvey::byNumberThenName).forEach(files::add);
            }
        }
        ImageDecoder decoder = new ImageDecoder();
        Map<Path, BufferedImage> images = new LinkedHashMap<>();
        for (Path f : files) {
            images.put(f, decoder.read(f));
        }
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, double[]> millis = new LinkedHashMap<>();
        for (Map.Entry<String, DetectorSettings> e : settings.entrySet()) {
            long[] n = new long[files.size()];
            double[] ms = new double[files.size()];
            try (YuNetFaceDetector detector = YuNetFaceDetector.create(e.getValue())) {
                for (int i = 0; i < files.size(); i++) {
                    BufferedImage image = images.get(files.get(i));
                    n[i] = detector.detect(image).size();
                    double[] times = new double[5];
                    for (int r = 0; r < times.length; r++) {
                        long t0 = System.nanoTime();
                        detector.detect(image);
                        times[r] = (System.nanoTime() - t0) / 1e6;
                    }
                    java.util.Arrays.sort(times);
                    ms[i] = times[times.length / 2];
                }
            }
            counts.put(e.getKey(), n);
            millis.put(e.getKey(), ms);
        }
        StringBuilder head = new StringBuilder("| photo | size |");
        StringBuilder rule = new StringBuilder("|---|---|");
        for (String spec : settings.keySet()) {
            head.append(" faces ").append(spec).append(" | ms ").append(spec).append(" |");
            rule.append("---|---|");
        }
        System.out.println(head);
        System.out.println(rule);
        for (int i = 0; i < files.size(); i++) {
            BufferedImage image = images.get(files.get(i));
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s/%s | %dx%d |",
                    files.get(i).getParent().getFileName(), files.get(i).getFileName(), image.getWidth(),
                    image.getHeight()));
            for (String spec : settings.keySet()) {
                row.append(String.format(Locale.ROOT, " %d | %.0f |", counts.get(spec)[i], millis.get(spec)[i]));
            }
            System.out.println(row);
        }
    }

    private static int byNumberThenName(Path a, Path b) {
        String x = a.getFileName().toString().replace(".jpg", "");
        String y = b.getFileName().toString().replace(".jpg", "");
        boolean nx = x.matches("\\d+");
        boolean ny = y.matches("\\d+");
        if (nx && ny) {
            return Integer.compare(Integer.parseInt(x), Integer.parseInt(y));
        }
        return nx != ny ? (nx ? -1 : 1) : x.compareTo(y);
    }
}
