package io.emojify.spark.cli;

import static io.emojify.spark.cli.CommandDefaults.seconds;

import io.emojify.emotion.Emotion;
import io.emojify.spark.EmojifySpark;
import io.emojify.spark.EmojifySparkOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * {@code emojify-spark --videos}: the videos below the input through {@link EmojifySpark#videos}, one per task, into
 * {@code OUTPUT/videos}; their rows written with Spark's writer into {@code OUTPUT/summary} (Parquet or JSON lines, one
 * file); a line per stage and per finished video; then videos, frames, faces tracked, errors and frames per second.
 */
final class VideoJob {

    /** The folder of the emojified videos, in the output folder. */
    static final String VIDEOS = "videos";
    /** The folder of the rows, in the output folder. */
    static final String SUMMARY = "summary";

    private final SparkSession spark;
    private final PrintStream out;
    private final String input;
    private final String output;
    private final String format;
    private final boolean overwrite;

    VideoJob(SparkSession spark, PrintStream out, String input, String output, String format, boolean overwrite) {
        this.spark = spark;
        this.out = out;
        this.input = input;
        this.output = output;
        this.format = format;
        this.overwrite = overwrite;
    }

    /**
     * Runs the job and prints its progress and totals.
     *
     * @param options the settings of every task
     * @param start when the command started ({@link System#nanoTime()})
     * @return 1 when some video gave an error row, else 0
     * @throws IOException if the output folder cannot be prepared
     */
    int run(EmojifySparkOptions options, long start) throws IOException {
        Path folder = new Path(output);
        FileSystem fs = folder.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (fs.exists(folder)) {
            FileStatus[] inside = fs.listStatus(folder);
            if (inside.length > 0 && !overwrite) {
                throw new IOException(output + " exists and is not empty; add --overwrite to replace its " + VIDEOS
                        + " and " + SUMMARY + " folders");
            }
            fs.delete(new Path(folder, VIDEOS), true);
            fs.delete(new Path(folder, SUMMARY), true);
        }
        long listing = System.nanoTime();
        List<String> files = EmojifySpark.listFiles(spark, input);
        out.printf(Locale.ROOT, "[2/4] listed %d files below %s in %.1f s%n", files.size(), input, seconds(listing));

        long annotating = System.nanoTime();
        AtomicInteger done = new AtomicInteger();
        SparkListener progress = new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                if (end.taskInfo().successful()) {
                    out.printf(Locale.ROOT, "      %d/%d videos done (%.1f s)%n", done.incrementAndGet(), files.size(),
                            seconds(annotating));
                }
            }
        };
        spark.sparkContext().addSparkListener(progress);
        List<Row> rows;
        try {
            rows = EmojifySpark.videos(spark, files, new Path(folder, VIDEOS).toString(), options).collectAsList();
        } finally {
            spark.sparkContext().removeSparkListener(progress);
        }
        double annotateSeconds = seconds(annotating);
        out.printf(Locale.ROOT, "[3/4] emojified %d videos into %s in %.1f s%n", rows.size(), new Path(folder, VIDEOS),
                annotateSeconds);

        long writing = System.nanoTime();
        Path summary = new Path(folder, SUMMARY);
        spark.createDataFrame(rows, EmojifySpark.videoSchema()).coalesce(1).write().mode(SaveMode.ErrorIfExists)
                .format(format).save(summary.toString());
        out.printf(Locale.ROOT, "[4/4] wrote the rows to %s (%s) in %.1f s%n", summary, format, seconds(writing));

        long frames = 0;
        long faces = 0;
        long[] emotions = new long[Emotion.count()];
        List<String> errors = new ArrayList<>();
        for (Row r : rows) {
            String error = r.getAs(EmojifySpark.ERROR);
            if (error != null) {
                errors.add(error);
                continue;
            }
            frames += r.<Integer>getAs(EmojifySpark.FRAMES_WRITTEN);
            faces += r.<Integer>getAs(EmojifySpark.FACES);
            for (Emotion e : Emotion.values()) {
                emotions[e.index()] += r.<Integer>getAs(e.label() + EmojifySpark.FRAMES_SUFFIX);
            }
        }
        out.printf(Locale.ROOT, "videos %d, frames %d, faces tracked %d, errors %d, %.1f frames/s (%.1f s in all)%n",
                rows.size(), frames, faces, errors.size(), frames / annotateSeconds, seconds(start));
        StringBuilder line = new StringBuilder("frames per emotion:");
        for (Emotion e : Emotion.values()) {
            line.append(' ').append(e.label()).append(' ').append(emotions[e.index()]);
        }
        out.println(line);
        SparkCommand.printErrors(out, errors, errors.size());
        return errors.isEmpty() ? 0 : 1;
    }
}
