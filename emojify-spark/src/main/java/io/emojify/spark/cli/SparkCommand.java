package io.emojify.spark.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static io.emojify.spark.cli.CommandDefaults.seconds;

import io.emojify.render.RenderMode;
import io.emojify.spark.EmojifySpark;
import io.emojify.spark.EmojifySparkOptions;
import io.emojify.djl.face.DetectorSettings;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code emojify-spark} command: a folder of images through {@link EmojifySpark} in Spark's local mode (or on the
 * master given), the rows written as Parquet or JSON lines, then a summary: images, faces, errors, images per second
 * and the count of each emotion. With {@code --videos} a folder of videos, one per task ({@link VideoJob}). Exit codes:
 * 0 success, 1 some files gave error rows, 2 bad arguments.
 */
@Command(name = "emojify-spark", mixinStandardHelpOptions = true, version = "emojify-spark 0.1.0",
        description = {"Finds the faces in a folder of images with Spark and writes one row per face (Parquet or JSON).",
            "With --videos: emojifies a folder of videos, one per task, and writes one row per video."})
public final class SparkCommand implements Callable<Integer> {

    @Option(names = "--input", required = true,
            description = "Folder (or file) of images, or of videos with --videos; any Hadoop file system URI")
    String input;

    @Option(names = "--output", required = true,
            description = "Folder to write the rows (and the videos) to (must not exist or be empty, unless --overwrite)")
    String output;

    @Option(names = "--master", description = "Spark master (default: spark-submit's, else local[*])")
    String master;

    @Option(names = "--format", defaultValue = "parquet", description = "parquet or json (JSON lines)")
    String format;

    @Option(names = "--render", description = "Add the emojified image (PNG) to the first row of each image")
    boolean render;

    @Option(names = "--mode", defaultValue = "REPLACE", description = "With --render: REPLACE, BADGE or BOXES")
    RenderMode mode;

    @Option(names = "--models", description = "Models folder (holds yunet/yunet_s_dynamic.onnx); default -Demojify.models"
            + " or EMOJIFY_MODELS")
    String models;

    @Option(names = "--engine", description = "Emotion model engine: OnnxRuntime (default) or PyTorch")
    String engine;

    @Option(names = "--emotion-model", paramLabel = "NAME", description = "compact (default: real time) or accurate (for "
            + "photos: the VGG on ten crops with the compact, from emojify-model-accurate)")
    String emotionModel;

    @Option(names = "--scope", defaultValue = "EXECUTOR", description = "One Emojify per EXECUTOR (default) or per TASK")
    EmojifySparkOptions.Scope scope;

    @Option(names = "--overwrite", description = "Replace the output folder if it exists")
    boolean overwrite;

    @Option(names = "--videos", description = "The input holds videos: write OUTPUT/videos/NAME.mp4 (emojified, H.264) and "
            + "OUTPUT/summary (one row per video)")
    boolean videos;

    private final PrintStream out;

    SparkCommand(PrintStream out) {
        this.out = out;
    }

    /**
     * Runs the command and exits with its code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(run(System.out, args));
    }

    /**
     * Runs the command without exiting.
     *
     * @param out where the progress and the summary go
     * @param args the arguments
     * @return the exit code
     */
    static int run(PrintStream out, String... args) {
        CommandDefaults.apply();
        CommandLine cl = new CommandLine(new SparkCommand(out)).setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("emojify-spark: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            return 1;
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() throws java.io.IOException {
        String fmt = format.toLowerCase(Locale.ROOT);
        if (!fmt.equals("parquet") && !fmt.equals("json")) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--format must be parquet or json");
        }
        EmojifySparkOptions options;
        try {
            options = EmojifySparkOptions.defaults().withModelsFolder(modelsFolder()).withEngine(engine)
                    .withScope(scope).withImage(render ? "png" : null, mode).withEmotionModel(emotionModel);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--emotion-model: " + e.getMessage());
        }
        long start = System.nanoTime();
        // spark-submit passes its master as a system property; without one, and without --master, run locally
        String chosen = master != null ? master : System.getProperty("spark.master", "local[*]");
        SparkSession.Builder builder = SparkSession.builder().master(chosen)
                .appName(System.getProperty("spark.app.name", "emojify-spark"));
        if (chosen.startsWith("local")) {
            builder = builder.config("spark.ui.enabled", "false");
        }
        SparkSession spark = builder.getOrCreate();
        try {
            String stages = videos ? "4" : "3";
            out.printf(Locale.ROOT, "[1/%s] Spark %s on %s started in %.1f s%n", stages, spark.version(), chosen,
                    seconds(start));
            // Hadoop's local file system writes a .crc file beside each output file; in local mode the executors use
            // this JVM's cached instance, so this turns them off (on a cluster it changes nothing)
            FileSystem.getLocal(spark.sparkContext().hadoopConfiguration()).setWriteChecksum(false);
            return videos ? new VideoJob(spark, out, input, output, fmt, overwrite).run(
                    options.withDetector(DetectorSettings.VIDEO), start) : images(spark, options, fmt, start);
        } finally {
            EmojifySpark.closeInstances();
            spark.stop();
        }
    }

    private int images(SparkSession spark, EmojifySparkOptions options, String fmt, long start) {
        long analysis = System.nanoTime();
        Dataset<Row> faces = EmojifySpark.faces(EmojifySpark.readImages(spark, input), options);
        faces.write().mode(overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists).format(fmt).save(output);
        double analysisSeconds = seconds(analysis);
        out.printf(Locale.ROOT, "[2/3] analysed %s and wrote %s (%s) in %.1f s%n", input, output, fmt,
                analysisSeconds);

        Dataset<Row> written = spark.read().schema(EmojifySpark.schema(options)).format(fmt).load(output);
        Row totals = written.agg(countDistinct(col(EmojifySpark.PATH)), count(col(EmojifySpark.FACE)),
                count(col(EmojifySpark.ERROR))).first();
        long images = totals.getLong(0);
        long faceCount = totals.getLong(1);
        long errors = totals.getLong(2);
        List<Row> emotions = EmojifySpark.emotionCounts(written).collectAsList();
        out.printf(Locale.ROOT, "[3/3] summarised in %.1f s%n", seconds(analysis) - analysisSeconds);
        out.printf(Locale.ROOT, "images %d, faces %d, errors %d, %.1f images/s (%.1f s in all)%n", images,
                faceCount, errors, images / analysisSeconds, seconds(start));
        StringBuilder line = new StringBuilder("emotions:");
        emotions.forEach(r -> line.append(' ').append(r.getString(0)).append(' ').append(r.getLong(1)));
        out.println(line);
        if (errors > 0) {
            List<String> messages = new ArrayList<>();
            for (Row r : written.filter(col(EmojifySpark.ERROR).isNotNull()).select(EmojifySpark.ERROR).limit(10)
                    .collectAsList()) {
                messages.add(r.getString(0));
            }
            printErrors(out, messages, errors);
        }
        return errors > 0 ? 1 : 0;
    }

    /**
     * Prints up to ten error messages, one line each, and how many more there are.
     *
     * @param out where to
     * @param messages the first messages (ten are printed)
     * @param errors how many there are in all
     */
    static void printErrors(PrintStream out, List<String> messages, long errors) {
        messages.stream().limit(10).forEach(m -> out.println("error: " + m));
        if (errors > 10) {
            out.println("error: ... and " + (errors - 10) + " more (the error column of the output)");
        }
    }

    private String modelsFolder() {
        return CommandDefaults.modelsFolder(models);
    }
}
