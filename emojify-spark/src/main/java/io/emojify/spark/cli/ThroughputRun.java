package io.emojify.spark.cli;

import static io.emojify.spark.cli.CommandDefaults.seconds;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import io.emojify.Emojify;
import io.emojify.djl.emotion.DjlEmotionClassifier;
import io.emojify.djl.face.DetectorSettings;
import io.emojify.djl.face.YuNetFaceDetector;
import io.emojify.djl.model.EmotionModel;
import io.emojify.image.ImageDecoder;
import io.emojify.spark.EmojifySpark;
import io.emojify.spark.EmojifySparkOptions;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * Measures {@link EmojifySpark} in local mode against a plain loop of the same number of threads over the same files with
 * the same library (read the file, decode it with {@link ImageDecoder}, {@link Emojify#analyze}), alternating the two
 * in one process so that whatever else the machine runs weighs on both alike; prints images per second of each round,
 * their ratio, the resident memory, Spark's start-up time and its fixed cost per job (a job over one image). With
 * {@code --only spark} or {@code --only plain} one of them runs alone, for its peak resident memory.
 *
 * <p>{@code java -cp emojify-spark.jar io.emojify.spark.cli.ThroughputRun DIR --models MODELS [--threads 2]
 * [--rounds 2] [--only spark|plain]}
 */
@Command(name = "throughput", mixinStandardHelpOptions = true,
        description = "Spark local mode against a plain loop over the same images, in one run.")
public final class ThroughputRun implements Callable<Integer> {

    @Parameters(index = "0", description = "Folder of images")
    Path folder;

    @Mixin
    Rounds rounds = new Rounds();

    private final PrintStream out = System.out;

    private ThroughputRun() {}

    /**
     * Runs the measurement.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        CommandDefaults.apply();
        System.exit(new CommandLine(new ThroughputRun()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<Path> files = Rounds.files(folder, Integer.MAX_VALUE);
        String modelsFolder = CommandDefaults.modelsFolder(rounds.models);
        EmojifySparkOptions options = EmojifySparkOptions.defaults().withModelsFolder(modelsFolder);
        boolean spark = rounds.spark();
        boolean plain = rounds.plain();
        rounds.printStart(out, files.size() + " files", folder);
        out.println("resident at start: " + Rounds.memory());

        SparkSession session = rounds.startSpark(out, "emojify-spark-throughput");
        try (PlainEmojify loop = plain ? PlainEmojify.open(modelsFolder) : null) {
            Emojify emojify = loop == null ? null : loop.emojify();
            if (spark) {
                long warm = System.nanoTime();
                sparkRound(session, folder.toString(), options, 8);
                out.printf(Locale.ROOT, "Spark warm-up job (8 images, opens the executor's Emojify): %.2f s%n",
                        seconds(warm));
            }
            if (plain) {
                plainRound(emojify, files.subList(0, Math.min(8, files.size())));
            }
            rounds.alternate(out, files.size() + " files", "images", round -> withImages(files, plainRound(emojify, files)),
                    round -> withImages(files, sparkRound(session, folder.toString(), options, -1)));
            if (spark) {
                Path one = files.get(0);
                double[] jobs = new double[5];
                for (int i = 0; i < jobs.length; i++) {
                    long t = System.nanoTime();
                    sparkRound(session, one.toString(), options, -1);
                    jobs[i] = seconds(t);
                }
                Arrays.sort(jobs);
                out.printf(Locale.ROOT, "Spark job over one image (%s): median %.0f ms, min %.0f ms of %d%n",
                        one.getFileName(), jobs[jobs.length / 2] * 1000, jobs[0] * 1000, jobs.length);
            }
            out.println("resident at end: " + Rounds.memory());
        } finally {
            Rounds.stopSpark(session);
        }
        return 0;
    }

    /** {images, errors, faces} from {faces, errors}. */
    private static long[] withImages(List<Path> files, long[] facesAndErrors) {
        return new long[] {files.size(), facesAndErrors[1], facesAndErrors[0]};
    }

    /** The plain loop's Emojify, built as the executors build theirs, with its detector and classifier to close. */
    record PlainEmojify(YuNetFaceDetector detector, DjlEmotionClassifier classifier, Emojify emojify)
            implements AutoCloseable {

        static PlainEmojify open(String modelsFolder) {
            return open(modelsFolder, EmojifySparkOptions.defaults().detector().settings());
        }

        static PlainEmojify open(String modelsFolder, DetectorSettings settings) {
            Path yunet = Paths.get(modelsFolder).resolve(YuNetFaceDetector.MODEL.path());
            YuNetFaceDetector d = new YuNetFaceDetector(yunet, settings);
            DjlEmotionClassifier c = new DjlEmotionClassifier(EmotionModel.embedded());
            return new PlainEmojify(d, c, Emojify.builder().optFaceDetector(d).optEmotionClassifier(c).build());
        }

        @Override
        public void close() {
            emojify.close();
            classifier.close();
            detector.close();
        }
    }

    /** Faces and errors of a Spark job over a folder (all of it, or its first {@code limit} files). */
    private static long[] sparkRound(SparkSession session, String path, EmojifySparkOptions options, int limit) {
        var files = EmojifySpark.readImages(session, path);
        if (limit > 0) {
            files = files.limit(limit);
        }
        Row r = EmojifySpark.faces(files, options)
                .agg(count(lit(1)), count(col(EmojifySpark.FACE)), count(col(EmojifySpark.ERROR))).first();
        return new long[] {r.getLong(1), r.getLong(2)};
    }

    /** Faces and errors of the plain loop: the threads take the files in turn. */
    private long[] plainRound(Emojify emojify, List<Path> files) throws Exception {
        ImageDecoder decoder = new ImageDecoder();
        return rounds.inTurn(files,
                file -> emojify.analyze(decoder.read(Files.readAllBytes(file), file.toString())).size());
    }
}
