package io.emojify.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;

import io.emojify.djl.face.DetectorSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.TaskCompletionListener;

/**
 * Emojify over image and video collections with Apache Spark: read a folder of images, get one row per face (with its
 * box, landmarks, the seven emotion probabilities, the emotion and its emoji), one row for each image without a face and
 * one row for each file that could not be read as an image (with the reason in {@value #ERROR}), and count the emotions.
 *
 * <pre>{@code
 * Dataset<Row> faces = EmojifySpark.faces(EmojifySpark.readImages(spark, "hdfs:///photos"),
 *         EmojifySparkOptions.defaults().withModelsSparkFile("models"));
 * faces.write().parquet("hdfs:///photos-faces");
 * EmojifySpark.emotionCounts(faces).show();
 * }</pre>
 *
 * <p>{@link #videos} does the same for videos, one per task: each is emojified into an MP4 in an output folder and
 * summarised in one row (frames, faces tracked, frames per emotion, one entry per track).
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
    /** Column of {@link #videos}: the emojified MP4 written (a URI); null for an error row. */
    public static final String OUTPUT = "output";
    /** Column of {@link #videos}: the video frames decoded (in an error row, those decoded before it failed). */
    public static final String FRAMES_READ = "frames_read";
    /** Column of {@link #videos}: the video frames written. */
    public static final String FRAMES_WRITTEN = "frames_written";
    /** Column of {@link #videos}: the faces tracked (tracks seen in at least one frame). */
    public static final String FACES = "faces";
    /** Suffix of the columns of {@link #videos} that count the frames of each emotion: {@code happy_frames}, ... */
    public static final String FRAMES_SUFFIX = "_frames";
    /** Column of {@link #videos}: one entry per track (see {@link #videoTracks}). */
    public static final String TRACKS = "tracks";
    /** Column of {@link #videos}: the seconds the video took on its executor. */
    public static final String SECONDS = "seconds";

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
        List<String> empty = new ArrayList<>();
        for (FileStatus s : listStatus(spark, path)) {
            if (s.getLen() == 0) {
                empty.add(s.getPath().toString());
            }
        }
        return empty;
    }

    /**
     * Lists the files below a folder, recursively, as Spark's readers do: names starting with {@code .} or {@code _}
     * are skipped. For {@link #videos}, which takes paths rather than a dataset of files.
     *
     * @param spark the session (for its Hadoop configuration)
     * @param path a folder, a file or a glob, on any file system Hadoop knows
     * @return the files' URIs ({@code file:/...}, {@code hdfs://...}), sorted; empty if nothing matches
     * @throws UncheckedIOException if the folder cannot be listed
     */
    public static List<String> listFiles(SparkSession spark, String path) {
        List<String> files = new ArrayList<>();
        for (FileStatus s : listStatus(spark, path)) {
            files.add(s.getPath().toString());
        }
        files.sort(null);
        return files;
    }

    /** The files below a path (a folder, a file or a glob), recursively, leaving out hidden names. */
    private static List<FileStatus> listStatus(SparkSession spark, String path) {
        Path root = new Path(path);
        List<FileStatus> found = new ArrayList<>();
        try {
            FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
            FileStatus[] matched = fs.globStatus(root);
            if (matched == null) {
                return found; // no such path
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
                } else {
                    found.add(s);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + path + ": " + e.getMessage(), e);
        }
        return found;
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
     * Emojifies videos, one per task: each is read with FFmpeg (any format it reads), its faces followed from frame to
     * frame, and written to {@code outputFolder} as H.264 in MP4 at its size and frame rate with its audio, as
     * {@code emojify video} writes it, named after the input ({@code clip.mov} gives {@code clip.mp4}; inputs whose names
     * would collide get a hash of their path added: {@code clip-1a2b3c4d.mp4}). The video is written under a hidden
     * temporary name and moved to its name when complete, so that a failed, retried or speculative task never leaves a
     * partial or second copy. Lazy: the videos are made by the action that uses the result.
     *
     * <p>A video that cannot be read, is cut short or has no video frames gives an error row; it never fails the job.
     * Use {@link DetectorSettings#VIDEO} in the options for the detector the {@code video} command uses. Write the rows
     * with {@code repartition(1)} for one file (not {@code coalesce}, which would run the videos in fewer tasks).
     *
     * @param spark the session
     * @param paths the videos, paths or URIs on any file system Hadoop knows (for example from {@link #listFiles})
     * @param outputFolder where the emojified videos go, on any file system Hadoop knows; created if missing
     * @param options the settings (the image format and pixel limit are not used)
     * @return one row per video, in one partition each; the columns are those of {@link #videoSchema}
     * @throws EmojifySparkException if a video would replace a file in {@code outputFolder} (nothing is overwritten),
     *     or the folder cannot be listed or created
     */
    public static Dataset<Row> videos(SparkSession spark, List<String> paths, String outputFolder,
            EmojifySparkOptions options) {
        Objects.requireNonNull(options, "options");
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        Path folder = new Path(outputFolder);
        List<Row> videos = new ArrayList<>(paths.size());
        try {
            FileSystem fs = folder.getFileSystem(hadoop);
            folder = fs.makeQualified(folder);
            Set<String> existing = new HashSet<>();
            if (fs.exists(folder)) {
                for (FileStatus s : fs.listStatus(folder)) {
                    existing.add(s.getPath().getName());
                }
            } else if (!fs.mkdirs(folder)) {
                throw new EmojifySparkException("Cannot create " + folder);
            }
            Map<String, String> names = outputNames(paths);
            for (String p : paths) {
                String name = names.get(p);
                if (existing.contains(name)) {
                    throw new EmojifySparkException("Cannot write the emojified " + p + " as " + new Path(folder, name)
                            + ": the file exists (nothing is overwritten; choose another output folder)");
                }
                videos.add(RowFactory.create(p, new Path(folder, name).toString()));
            }
        } catch (IOException e) {
            throw new EmojifySparkException("Cannot use " + outputFolder + " for videos: " + e.getMessage(), e);
        }
        StructType in = DataTypes.createStructType(List.of(
                DataTypes.createStructField(PATH, DataTypes.StringType, false),
                DataTypes.createStructField(OUTPUT, DataTypes.StringType, false)));
        JavaRDD<Row> oneEach = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(videos, Math.max(1, videos.size()));
        return spark.createDataFrame(oneEach, in)
                .mapPartitions(new AnnotateVideos(options, new VideoTask(hadoop)), Encoders.row(videoSchema()));
    }

    /**
     * The columns of {@link #videos}: {@value #PATH} (as given), {@value #OUTPUT} (the MP4 written, a URI),
     * {@code width} and {@code height} (the input's; the video written is one pixel wider or higher when a side is odd,
     * as H.264 needs), {@code fps}, {@code duration} (seconds: frames written over the frame rate),
     * {@value #FRAMES_READ}, {@value #FRAMES_WRITTEN}, {@code audio} (whether an audio track was kept), {@value #FACES}
     * (faces tracked), one column per emotion counting the frames where a tracked face showed it ({@code angry_frames}
     * ... {@code neutral_frames}; a frame with two faces counts twice), {@value #TRACKS} (see {@link #videoTracks}),
     * {@value #SECONDS} and {@value #ERROR} (null when the video was written; every other column but {@value #PATH},
     * {@value #FRAMES_READ} and {@value #SECONDS} is then null).
     *
     * @return the schema
     */
    public static StructType videoSchema() {
        return VideoRows.schema();
    }

    /**
     * One row per tracked face of each video: {@value #PATH}, {@code track} (its id in the video), {@code first_frame},
     * {@code last_frame}, {@code frames} (the frames it was detected in), {@value #EMOTION} (the one it showed in most of
     * them) and its mean probability of each emotion ({@code angry} ... {@code neutral}).
     *
     * @param videos the result of {@link #videos}
     * @return the rows
     */
    public static Dataset<Row> videoTracks(Dataset<Row> videos) {
        return videos.select(col(PATH), explode(col(TRACKS)).as("t")).select(col(PATH), col("t.*"));
    }

    /**
     * The output names of {@link #videos}: the input's name with {@code .mp4} for its extension, and a hash of the whole
     * path added to names that several inputs would share.
     */
    static Map<String, String> outputNames(List<String> paths) {
        Map<String, Integer> uses = new HashMap<>();
        for (String p : paths) {
            uses.merge(stem(p), 1, Integer::sum);
        }
        Map<String, String> names = new LinkedHashMap<>();
        for (String p : paths) {
            String stem = stem(p);
            names.put(p, uses.get(stem) > 1 ? String.format("%s-%08x.mp4", stem, p.hashCode()) : stem + ".mp4");
        }
        return names;
    }

    private static String stem(String path) {
        String name = new Path(path).getName();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
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
                instance = instanceFor(options);
            }
            return instance;
        }
    }

    /**
     * The Emojify a task uses: the executor's, or one of its own that is closed when the task ends.
     *
     * @throws io.emojify.EmojifyException if a model cannot be found or loaded (that fails the task)
     */
    private static EmojifyInstance instanceFor(EmojifySparkOptions options) {
        if (options.scope() == EmojifySparkOptions.Scope.EXECUTOR) {
            return EXECUTOR_INSTANCES.get(options);
        }
        EmojifyInstance own = EmojifyInstance.open(options);
        TaskContext task = TaskContext.get();
        if (task != null) {
            task.addTaskCompletionListener((TaskCompletionListener) context -> own.close());
        }
        return own;
    }

    /** Emojifies a partition's videos (one, as {@link #videos} makes them) with the Emojify of the executor or task. */
    private static final class AnnotateVideos implements MapPartitionsFunction<Row, Row> {

        private static final long serialVersionUID = 1L;

        private final EmojifySparkOptions options;
        private final VideoTask task;

        AnnotateVideos(EmojifySparkOptions options, VideoTask task) {
            this.options = options;
            this.task = task;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> input) {
            if (!input.hasNext()) {
                return Collections.emptyIterator();
            }
            EmojifyInstance instance = instanceFor(options);
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return input.hasNext();
                }

                @Override
                public Row next() {
                    Row video = input.next();
                    return task.run(instance, video.getString(0), video.getString(1));
                }
            };
        }
    }
}
