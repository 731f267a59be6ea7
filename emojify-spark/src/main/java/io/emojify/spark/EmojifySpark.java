package io.emojify.spark;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.TaskCompletionListener;

/**
 * Emojify over image collections with Apache Spark: read a folder of images, get one row per face (with its box,
 * landmarks, the seven emotion probabilities, the emotion and its emoji), one row for each image without a face and one
 * row for each file that could not be read as an image (with the reason in {@value #ERROR}), and count the emotions.
 *
 * <pre>{@code
 * Dataset<Row> faces = EmojifySpark.faces(EmojifySpark.readImages(spark, "hdfs:///photos"),
 *         EmojifySparkOptions.defaults().withModelsSparkFile("models"));
 * faces.write().parquet("hdfs:///photos-faces");
 * EmojifySpark.emotionCounts(faces).show();
 * }</pre>
 *
 * <p>A bad file never fails a task: empty, truncated, not an image, or larger than the pixel limit, it gives an error
 * row. A missing model does fail it (that is a setting to fix, not a property of one file). Each executor keeps one
 * Emojify per distinct options for all its tasks, or one per task ({@link EmojifySparkOptions.Scope}); either way every
 * instance is closed, at JVM exit or at the task's end. This class only logs (SLF4J), it never prints.
 */
public final class EmojifySpark {

    /** Column: the file's path, a URI ({@code file:/...}, {@code hdfs://...}) as Spark lists it. */
    public static final String PATH = "path";
    /** Column of {@link #readImages}: the file's size in bytes. */
    public static final String LENGTH = "length";
    /** Column of {@link #readImages}: the file's bytes. */
    public static final String CONTENT = "content";
    /** Column: the image's width in pixels (after EXIF rotation); null for an error row. */
    public static final String IMAGE_WIDTH = "image_width";
    /** Column: the image's height in pixels (after EXIF rotation); null for an error row. */
    public static final String IMAGE_HEIGHT = "image_height";
    /** Column: the face's index in its image (0, 1, ...); null when the image has no face or failed. */
    public static final String FACE = "face";
    /** Column: the emotion label ({@code happy}, ...); null when there is no face. */
    public static final String EMOTION = "emotion";
    /** Column: why the file could not be analysed; null when it was. */
    public static final String ERROR = "error";
    /** Column, with an image format in the options: the emojified image, on the first row of each image only. */
    public static final String IMAGE = "image";

    private static final SharedInstances<EmojifySparkOptions, EmojifyInstance> EXECUTOR_INSTANCES =
            new SharedInstances<>(EmojifyInstance::open);

    private EmojifySpark() {}

    /**
     * Lists the files below a folder (recursively; names starting with {@code .} or {@code _} are skipped, as Spark
     * skips them) with their bytes. Spark's {@code binaryFile} source reads them, and leaves out empty files; they are
     * listed here and added with empty content, so that each one gets an error row.
     *
     * @param spark the session
     * @param path a folder, a file or a glob ({@code /data/*.jpg}), on any file system Hadoop knows ({@code /data},
     *     {@code file:/data}, {@code hdfs://...}, {@code s3a://...})
     * @return columns {@value #PATH} (string), {@value #LENGTH} (long) and {@value #CONTENT} (binary)
     * @throws UncheckedIOException if the folder cannot be listed
     */
    public static Dataset<Row> readImages(SparkSession spark, String path) {
        Dataset<Row> files = spark.read().format("binaryFile").option("recursiveFileLookup", "true").load(path)
                .select(PATH, LENGTH, CONTENT);
        List<Row> empty = new ArrayList<>();
        for (String file : emptyFiles(spark, path)) {
            empty.add(RowFactory.create(file, 0L, new byte[0]));
        }
        return empty.isEmpty() ? files : files.union(spark.createDataFrame(empty, files.schema()));
    }

    private static List<String> emptyFiles(SparkSession spark, String path) {
        Path root = new Path(path);
        List<String> empty = new ArrayList<>();
        try {
            FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
            FileStatus[] matched = fs.globStatus(root);
            if (matched == null) {
                return empty; // no such path: Spark's reader has said so already
            }
            ArrayDeque<FileStatus> todo = new ArrayDeque<>(List.of(matched));
            while (!todo.isEmpty()) {
                FileStatus s = todo.pop();
                if (s.isDirectory()) {
                    for (FileStatus child : fs.listStatus(s.getPath())) {
                        if (!hidden(child.getPath().getName())) {
                            todo.push(child);
                        }
                    }
                } else if (s.getLen() == 0) {
                    empty.add(s.getPath().toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + path + ": " + e.getMessage(), e);
        }
        return empty;
    }

    private static boolean hidden(String name) {
        return name.startsWith(".") || name.startsWith("_") || name.endsWith("._COPYING_");
    }

    /**
     * Finds the faces in each file and reads their emotions. Lazy, like every Spark transformation: the work is done by
     * the action that uses the result.
     *
     * @param files at least the columns {@value #PATH} (string) and {@value #CONTENT} (binary), as from
     *     {@link #readImages}
     * @param options the settings
     * @return one row per face, one per image without a face, one per file that failed; the columns are those of
     *     {@link #schema}
     */
    public static Dataset<Row> faces(Dataset<Row> files, EmojifySparkOptions options) {
        Objects.requireNonNull(options, "options");
        return files.select(col(PATH).cast("string"), col(CONTENT))
                .mapPartitions(new AnalysePartition(options), Encoders.row(schema(options)));
    }

    /**
     * The columns of {@link #faces}: {@value #PATH}, {@value #IMAGE_WIDTH}, {@value #IMAGE_HEIGHT}, {@value #FACE},
     * {@code box_x}, {@code box_y}, {@code box_width}, {@code box_height}, {@code score} (the detector's confidence),
     * {@code landmarks} (x and y of the eyes, nose tip and mouth corners: ten numbers, or null), {@value #EMOTION}, one
     * probability column per emotion named by its label ({@code angry} ... {@code neutral}, summing to 1),
     * {@code emoji} (the emoji's text), {@value #ERROR}, and {@value #IMAGE} when the options name an image format.
     *
     * @param options the settings
     * @return the schema
     */
    public static StructType schema(EmojifySparkOptions options) {
        return FaceRows.schema(options.imageFormat() != null);
    }

    /**
     * Counts the faces of each emotion.
     *
     * @param faces the result of {@link #faces}
     * @return columns {@value #EMOTION} and {@code count}, the most frequent first
     */
    public static Dataset<Row> emotionCounts(Dataset<Row> faces) {
        return faces.filter(col(EMOTION).isNotNull()).groupBy(EMOTION).count()
                .orderBy(col("count").desc(), col(EMOTION));
    }

    /**
     * Closes the Emojify instances that this JVM keeps for {@link EmojifySparkOptions.Scope#EXECUTOR} (a shutdown hook
     * does it at exit anyway). In local mode the driver is the executor: call it when the session's work is done to give
     * the native memory back before the JVM ends. The next job opens a new instance.
     *
     * @return how many instances were closed
     */
    public static int closeInstances() {
        return EXECUTOR_INSTANCES.closeAll();
    }

    /** @return how many instances this JVM keeps open for {@link EmojifySparkOptions.Scope#EXECUTOR} */
    static int openInstances() {
        return EXECUTOR_INSTANCES.size();
    }

    /** Analyses a partition's files with the Emojify of the executor or of the task. */
    private static final class AnalysePartition implements MapPartitionsFunction<Row, Row> {

        private static final long serialVersionUID = 1L;

        private final EmojifySparkOptions options;

        AnalysePartition(EmojifySparkOptions options) {
            this.options = options;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> input) {
            return new FaceIterator(input, options);
        }
    }

    /** Turns each input row into its output rows as they are asked for, opening the Emojify at the first file. */
    private static final class FaceIterator implements Iterator<Row> {

        private final Iterator<Row> input;
        private final EmojifySparkOptions options;
        private final ArrayDeque<Row> pending = new ArrayDeque<>();
        private EmojifyInstance instance;

        FaceIterator(Iterator<Row> input, EmojifySparkOptions options) {
            this.input = input;
            this.options = options;
        }

        @Override
        public boolean hasNext() {
            while (pending.isEmpty() && input.hasNext()) {
                Row file = input.next();
                String path = file.isNullAt(0) ? "(no path)" : file.getString(0);
                byte[] content = file.isNullAt(1) ? new byte[0] : (byte[]) file.get(1);
                pending.addAll(FaceRows.of(instance(), path, content, options.imageFormat()));
            }
            return !pending.isEmpty();
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return pending.poll();
        }

        private EmojifyInstance instance() {
            if (instance == null) {
                if (options.scope() == EmojifySparkOptions.Scope.EXECUTOR) {
                    instance = EXECUTOR_INSTANCES.get(options);
                } else {
                    EmojifyInstance own = EmojifyInstance.open(options);
                    instance = own;
                    TaskContext task = TaskContext.get();
                    if (task != null) {
                        task.addTaskCompletionListener((TaskCompletionListener) context -> own.close());
                    }
                }
            }
            return instance;
        }
    }
}
