package io.emojify.spark;

import io.emojify.track.TrackerSettings;
import io.emojify.video.OutputContainer;
import io.emojify.video.VideoAnnotator;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.TaskKilledException;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emojifies one video on an executor: reads it where it is (a local file) or from a local copy (any other file system,
 * since FFmpeg needs a seekable file), writes the MP4 under a hidden temporary name unique to the task attempt, and moves it
 * to its final name when it is complete. Whatever happens, the temporary files are deleted; a bad video gives an error row.
 */
final class VideoTask implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(VideoTask.class);

    private transient Configuration hadoop;

    /**
     * @param hadoop the driver's Hadoop configuration (file systems and their credentials), sent with the task
     */
    VideoTask(Configuration hadoop) {
        this.hadoop = hadoop;
    }

    /**
     * Emojifies a video.
     *
     * @param instance the Emojify to use
     * @param input the video, a path or URI on any Hadoop file system
     * @param target the final path of the emojified MP4
     * @return its row, or an error row
     * @throws TaskKilledException if Spark killed the task (a speculative copy that lost, a cancelled job)
     */
    Row run(EmojifyInstance instance, String input, String target) {
        long start = System.nanoTime();
        TaskContext task = TaskContext.get();
        String attempt = (task != null ? task.taskAttemptId() + "-" : "") + UUID.randomUUID().toString().substring(0, 8);
        VideoRows.Summary summary = new VideoRows.Summary(() -> {
            if (task != null && task.isInterrupted()) {
                throw new TaskKilledException(task.getKillReason().getOrElse(() -> "killed"));
            }
        });
        java.nio.file.Path localCopy = null;
        java.nio.file.Path localOut = null;
        Path remoteOut = null;
        FileSystem outFs = null;
        try {
            Path in = new Path(input);
            FileSystem inFs = in.getFileSystem(hadoop);
            java.nio.file.Path localIn;
            if (isLocal(inFs)) {
                localIn = Paths.get(inFs.makeQualified(in).toUri());
            } else {
                localCopy = Files.createTempFile("emojify-spark-", "-" + in.getName());
                inFs.copyToLocalFile(false, in, new Path(localCopy.toUri()), true);
                localIn = localCopy;
            }
            Path out = new Path(target);
            outFs = out.getFileSystem(hadoop);
            Path temporary = new Path(out.getParent(), temporaryName(out.getName(), attempt));
            if (isLocal(outFs)) {
                localOut = Paths.get(outFs.makeQualified(temporary).toUri());
            } else {
                localOut = Files.createTempFile("emojify-spark-", ".mp4");
                remoteOut = temporary;
            }
            VideoAnnotator.Result r = new VideoAnnotator(instance.emojify(), TrackerSettings.DEFAULT)
                    .annotate(localIn, localOut, OutputContainer.MP4, summary);
            if (r.frames() == 0) {
                return VideoRows.error(input, summary.frames(), input + " has no video frames", seconds(start));
            }
            if (remoteOut != null) {
                outFs.copyFromLocalFile(true, true, new Path(localOut.toUri()), remoteOut);
                moveIntoPlace(outFs, remoteOut, out);
            } else {
                moveIntoPlace(outFs, new Path(localOut.toUri()), out);
            }
            return VideoRows.of(input, outFs.makeQualified(out).toString(), r, summary, seconds(start));
        } catch (TaskKilledException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            LOG.debug("{} failed: {}", input, message);
            return VideoRows.error(input, summary.frames(), message, seconds(start));
        } finally {
            deleteQuietly(localCopy);
            deleteQuietly(localOut);
            if (remoteOut != null) {
                try {
                    outFs.delete(remoteOut, false);
                } catch (IOException e) {
                    LOG.warn("Cannot delete {}: {}", remoteOut, e.toString());
                }
            }
        }
    }

    /**
     * The hidden name a task attempt writes a video under ({@code .NAME.ATTEMPT.part}): Spark's and Hadoop's readers skip
     * names that start with a dot, and no two attempts share one.
     *
     * @param name the final file name
     * @param attempt the attempt's id
     * @return the temporary name
     */
    static String temporaryName(String name, String attempt) {
        return "." + name + "." + attempt + ".part";
    }

    /** @return whether a name is one {@link #temporaryName} gives */
    static boolean isTemporaryName(String name) {
        return name.startsWith(".") && name.endsWith(".part");
    }

    /**
     * Moves a complete file from its temporary name to its final name in one step, so that the final name never shows a
     * partial file. On the local file system a rename that replaces a copy another attempt of the same task put there
     * (the same video, complete); on other file systems Hadoop's rename, which does not replace: when another attempt's
     * copy is there already, this one is dropped.
     */
    private static void moveIntoPlace(FileSystem fs, Path temporary, Path target) throws IOException {
        if (isLocal(fs)) {
            Files.move(Paths.get(fs.makeQualified(temporary).toUri()), Paths.get(fs.makeQualified(target).toUri()),
                    StandardCopyOption.ATOMIC_MOVE);
        } else if (!fs.rename(temporary, target)) {
            if (!fs.exists(target)) {
                throw new IOException("Cannot move " + temporary + " to " + target);
            }
            LOG.debug("{} was written by another attempt; this attempt's copy is dropped", target);
        }
    }

    private static boolean isLocal(FileSystem fs) {
        return "file".equals(fs.getUri().getScheme());
    }

    private static void deleteQuietly(java.nio.file.Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                LOG.warn("Cannot delete {}: {}", p, e.toString());
            }
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        hadoop.write(out);
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        hadoop = new Configuration(false);
        hadoop.readFields(in);
    }
}
