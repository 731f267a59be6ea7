package io.emojify.spark;

import io.emojify.emotion.Emotion;
import io.emojify.track.TrackedFace;
import io.emojify.video.VideoAnnotator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The row of one video of {@link EmojifySpark#videos}: what was written, the faces tracked, the frames of each emotion and
 * one entry per track; or the error. {@link Summary} gathers them from {@link VideoAnnotator}'s frames.
 */
final class VideoRows {

    private VideoRows() {}

    /** @return the schema of {@link EmojifySpark#videos} */
    static StructType schema() {
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField(EmojifySpark.PATH, DataTypes.StringType, false));
        fields.add(nullable(EmojifySpark.OUTPUT, DataTypes.StringType));
        fields.add(nullable("width", DataTypes.IntegerType));
        fields.add(nullable("height", DataTypes.IntegerType));
        fields.add(nullable("fps", DataTypes.DoubleType));
        fields.add(nullable("duration", DataTypes.DoubleType));
        fields.add(nullable(EmojifySpark.FRAMES_READ, DataTypes.IntegerType));
        fields.add(nullable(EmojifySpark.FRAMES_WRITTEN, DataTypes.IntegerType));
        fields.add(nullable("audio", DataTypes.BooleanType));
        fields.add(nullable(EmojifySpark.FACES, DataTypes.IntegerType));
        for (String label : Emotion.labels()) {
            fields.add(nullable(label + EmojifySpark.FRAMES_SUFFIX, DataTypes.IntegerType));
        }
        fields.add(nullable(EmojifySpark.TRACKS, DataTypes.createArrayType(trackSchema(), false)));
        fields.add(DataTypes.createStructField(EmojifySpark.SECONDS, DataTypes.DoubleType, false));
        fields.add(nullable(EmojifySpark.ERROR, DataTypes.StringType));
        return DataTypes.createStructType(fields);
    }

    /** @return the struct of one track: id, first and last frame, frames seen, dominant emotion, mean probabilities */
    static StructType trackSchema() {
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField("track", DataTypes.IntegerType, false));
        fields.add(DataTypes.createStructField("first_frame", DataTypes.IntegerType, false));
        fields.add(DataTypes.createStructField("last_frame", DataTypes.IntegerType, false));
        fields.add(DataTypes.createStructField("frames", DataTypes.IntegerType, false));
        fields.add(DataTypes.createStructField(EmojifySpark.EMOTION, DataTypes.StringType, false));
        for (String label : Emotion.labels()) {
            fields.add(DataTypes.createStructField(label, DataTypes.FloatType, false));
        }
        return DataTypes.createStructType(fields);
    }

    private static StructField nullable(String name, DataType type) {
        return DataTypes.createStructField(name, type, true);
    }

    /**
     * The row of a video written.
     *
     * @param path the input, as given
     * @param output the video written
     * @param r what the annotator wrote
     * @param summary the frames' faces
     * @param seconds the time it took
     * @return the row
     */
    static Row of(String path, String output, VideoAnnotator.Result r, Summary summary, double seconds) {
        List<Object> v = new ArrayList<>();
        v.add(path);
        v.add(output);
        v.add(r.inputWidth());
        v.add(r.inputHeight());
        v.add(r.fps());
        v.add(r.fps() > 0 ? r.frames() / r.fps() : null);
        v.add(summary.frames());
        v.add(r.frames());
        v.add(r.audio());
        v.add(summary.tracks.size());
        for (Emotion e : Emotion.values()) {
            v.add(summary.emotionFrames[e.index()]);
        }
        v.add(summary.trackRows());
        v.add(seconds);
        v.add(null);
        return RowFactory.create(v.toArray());
    }

    /**
     * The row of a video that failed.
     *
     * @param path the input, as given
     * @param framesRead the frames decoded before it failed
     * @param error why
     * @param seconds the time it took
     * @return the row
     */
    static Row error(String path, int framesRead, String error, double seconds) {
        Object[] v = new Object[schema().size()];
        v[0] = path;
        v[6] = framesRead;
        v[v.length - 2] = seconds;
        v[v.length - 1] = error;
        return RowFactory.create(v);
    }

    /** Gathers a video's frames: the frames of each emotion and each track's span, frames and probabilities. */
    static final class Summary implements VideoAnnotator.FrameListener {

        private final int[] emotionFrames = new int[Emotion.count()];
        private final Map<Integer, Track> tracks = new TreeMap<>();
        private final Runnable onFrame;
        private int frames;

        /**
         * @param onFrame called before each frame is counted (a task that was killed throws there to stop the video)
         */
        Summary(Runnable onFrame) {
            this.onFrame = onFrame;
        }

        @Override
        public void onFrame(int frame, int totalFrames, double seconds, List<TrackedFace> faces) {
            onFrame.run();
            frames++;
            for (TrackedFace t : faces) {
                if (t.missedFrames() > 0) {
                    continue; // a face the detector lost in this frame, still drawn for a while: not seen
                }
                Emotion e = t.face().emotion();
                emotionFrames[e.index()]++;
                tracks.computeIfAbsent(t.trackId(), id -> new Track(frame)).add(frame, e, t.face().scores().toArray());
            }
        }

        /** @return the frames counted so far */
        int frames() {
            return frames;
        }

        /** The tracks' rows, as a Scala sequence (what Spark's row encoder takes for an array). */
        private scala.collection.Seq<Row> trackRows() {
            List<Row> rows = new ArrayList<>(tracks.size());
            tracks.forEach((id, t) -> rows.add(t.row(id)));
            return CollectionConverters.asScala(rows);
        }
    }

    /** One track: where it starts and ends, its frames per emotion and the sum of its probabilities. */
    private static final class Track {
        private final int first;
        private int last;
        private int frames;
        private final int[] perEmotion = new int[Emotion.count()];
        private final double[] sums = new double[Emotion.count()];

        Track(int first) {
            this.first = first;
        }

        void add(int frame, Emotion e, float[] p) {
            last = frame;
            frames++;
            perEmotion[e.index()]++;
            for (int i = 0; i < sums.length; i++) {
                sums[i] += p[i];
            }
        }

        /** The track's row; its emotion is the one of most frames (the first in {@link Emotion}'s order on a tie). */
        Row row(int id) {
            int dominant = 0;
            for (int i = 1; i < perEmotion.length; i++) {
                if (perEmotion[i] > perEmotion[dominant]) {
                    dominant = i;
                }
            }
            Object[] v = new Object[5 + sums.length];
            v[0] = id;
            v[1] = first;
            v[2] = last;
            v[3] = frames;
            v[4] = Emotion.fromIndex(dominant).label();
            for (int i = 0; i < sums.length; i++) {
                v[5 + i] = (float) (sums[i] / frames);
            }
            return RowFactory.create(v);
        }
    }
}
