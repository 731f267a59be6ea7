package io.emojify.spark.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static io.emojify.spark.cli.CommandDefaults.seconds;

import io.emojify.render.RenderMode;
import io.emojify.spark.EmojifySpark;
import io.emojify.spark.EmojifySparkOptions;
import java.io.PrintStream;
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
 * and the count of each emotion. Exit codes: 0 success, 1 some files gave error rows, 2 bad arguments.
 */
@Command(name = "emojify-spark", mixinStandardHelpOptions = true, version = "emojify-spark 0.1.0",
        description = "Finds the faces in a folder of images with Spark and writes one row per face (Parquet or JSON).")
public final class SparkCommand implements Callable<Integer> {

    @Option(names = "--input", required = true, description = "Folder (or file) of images; any Hadoop file system URI")
    String input;

    @Option(names = "--output", required = true, description = "Folder to write the rows to (must not exist, unless --overwrite)")
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

    @Option(names = "--scope", defaultValue = "EXECUTOR", description = "One Emojify per EXECUTOR (default) or per TASK")
    EmojifySparkOptions.Scope scope;

    @Option(names = "--overwrite", description = "Replace the output folder if it exists")
    boolean overwrite;

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
        EmojifySparkOptions options = EmojifySparkOptions.defaults().withModelsFolder(modelsFolder()).withEngine(engine)
                .withScope(scope).withImage(render ? "png" : null, mode);
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
            out.printf(Locale.ROOT, "[1/3] Spark %s on %s started in %.1f s%n", spark.version(), chosen,
                    seconds(start));
            // Hadoop's local file system writes a .crc file beside each output file; in local mode the executors use
            // this JVM's cached instance, so this turns them off (on a cluster it changes nothing)
            FileSystem.getLocal(spark.sparkContext().hadoopConfiguration()).setWriteChecksum(false);

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
                for (Row r : written.filter(col(EmojifySpark.ERROR).isNotNull()).select(EmojifySpark.ERROR).limit(10)
                        .collectAsList()) {
                    out.println("error: " + r.getString(0));
                }
                if (errors > 10) {
                    out.println("error: ... and " + (errors - 10) + " more (the error column of the output)");
                }
            }
            return errors > 0 ? 1 : 0;
        } finally {
            EmojifySpark.closeInstances();
            spark.stop();
        }
    }

    private String modelsFolder() {
        return CommandDefaults.modelsFolder(models);
    }
}
