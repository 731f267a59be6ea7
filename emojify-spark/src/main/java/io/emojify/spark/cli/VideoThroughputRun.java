package io.emojify.spark.cli;

import static io.emojify.spark.cli.CommandDefaults.seconds;

import io.emojify.djl.face.DetectorSettings;
import io.emojify.spark.EmojifySpark;
import io.emojify.spark.EmojifySparkOptions;
import io.emojify.track.TrackerSettings;
import io.emojify.video.OutputContainer;
import io.emojify.video.VideoAnnotator;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bytedeco.ffmpeg.global.avcodec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Measures {@link EmojifySpark#videos} in local mode against a plain loop of the same number of threads over the same
 * videos with the same library ({@link VideoAnnotator} with one shared Emojify, each video written under a temporary name
 * and moved, as the tasks do), alternating the two in one process; prints frames per second of each round and their
 * ratio. With {@code --make N} it first writes N clips into the folder with {@link VideoClips} (the photos of
 * {@code --photos} drifting over a gradient; every third clip without a face, every other one MPEG-4 in AVI); with
 * {@code --rounds 0} it only makes them.
 *
 * <p>{@code java -cp emojify-spark.jar io.emojify.spark.cli.VideoThroughputRun DIR --models MODELS [--threads 2]
 * [--rounds 2] [--make 24 --photos PHOTOS --width 320 --height 240 --frames 75 --fps 25]}
 */
@Command(name = "video-throughput", mixinStandardHelpOptions = true,
        description = "Spark local mode against a plain loop over the same videos, in one run.")
public final class VideoThroughputRun implements Callable<Integer> {

    @Parameters(index = "0", description = "Folder of videos")
    Path folder;

    @Mixin
    Rounds rounds = new Rounds();

    @Option(names = "--make", defaultValue = "0", description = "Write this many clips into the folder first")
    int make;

    @Option(names = "--photos", description = "With --make: a folder of JPEG photos drawn in the clips")
    Path photos;

    @Option(names = "--width", defaultValue = "320", description = "With --make: the clips' width")
    int width;

    @Option(names = "--height", defaultValue = "240", description = "With --make: the clips' height")
    int height;

    @Option(names = "--frames", defaultValue = "75", description = "With --make: the frames of each clip")
    int frames;

    @Option(names = "--fps", defaultValue = "25", description = "With --make: the clips' frame rate")
    double fps;

    private final PrintStream out = System.out;

    private VideoThroughputRun() {}

    /**
     * Runs the measurement.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        CommandDefaults.apply();
        System.exit(new CommandLine(new VideoThroughputRun()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (make > 0) {
            makeClips();
        }
        if (rounds.rounds == 0) {
            return 0;
        }
        List<Path> files = Rounds.files(folder, 1);
        String modelsFolder = CommandDefaults.modelsFolder(rounds.models);
        EmojifySparkOptions options = EmojifySparkOptions.defaults().withModelsFolder(modelsFolder)
                .withDetector(DetectorSettings.VIDEO);
        boolean spark = rounds.spark();
        boolean plain = rounds.plain();
        rounds.printStart(out, files.size() + " videos", folder);
        Path work = Files.createTempDirectory("emojify-video-throughput-");
        SparkSession session = rounds.startSpark(out, "emojify-video-throughput");
        try (ThroughputRun.PlainEmojify loop = plain
                ? ThroughputRun.PlainEmojify.open(modelsFolder, DetectorSettings.VIDEO) : null) {
            List<Path> first = files.subList(0, 1);
            if (spark) {
                long warm = System.nanoTime();
                sparkRound(session, first, work.resolve("warm-spark"), options);
                out.printf(Locale.ROOT, "Spark warm-up job (1 video, opens the executor's Emojify): %.2f s%n",
                        seconds(warm));
            }
            if (plain) {
                plainRound(loop, first, Files.createDirectory(work.resolve("warm-plain")));
            }
            rounds.alternate(out, files.size() + " videos", "frames",
                    round -> plainRound(loop, files, Files.createDirectory(work.resolve("plain-" + round))),
                    round -> sparkRound(session, files, work.resolve("spark-" + round), options));
        } finally {
            Rounds.stopSpark(session);
            deleteTree(work);
        }
        return 0;
    }

    private void makeClips() throws IOException {
        List<BufferedImage> images = new ArrayList<>();
        if (photos != null) {
            try (Stream<Path> list = Files.list(photos)) {
                for (Path p : list.filter(p -> p.toString().endsWith(".jpg")).sorted().toList()) {
                    images.add(ImageIO.read(p.toFile()));
                }
            }
        }
        Files.createDirectories(folder);
        long start = System.nanoTime();
        for (int i = 0; i < make; i++) {
            BufferedImage photo = images.isEmpty() || i % 3 == 2 ? null : images.get(i % images.size());
            boolean avi = i % 2 == 1;
            String name = String.format(Locale.ROOT, "clip-%03d.%s", i, avi ? "avi" : "mp4");
            VideoClips.write(folder.resolve(name), avi ? "avi" : "mp4",
                    avi ? avcodec.AV_CODEC_ID_MPEG4 : avcodec.AV_CODEC_ID_H264, width, height, frames, fps, i % 4 == 0,
                    photo);
        }
        out.printf(Locale.ROOT, "wrote %d clips of %d frames at %.0f fps, %dx%d, in %s in %.1f s%n", make, frames, fps,
                width, height, folder, seconds(start));
    }

    /** Frames written and errors of a Spark job over the videos. */
    private static long[] sparkRound(SparkSession session, List<Path> files, Path outFolder,
            EmojifySparkOptions options) {
        long frames = 0;
        long errors = 0;
        List<String> paths = files.stream().map(Path::toString).toList();
        for (Row r : EmojifySpark.videos(session, paths, outFolder.toString(), options).collectAsList()) {
            if (r.getAs(EmojifySpark.ERROR) != null) {
                errors++;
            } else {
                frames += r.<Integer>getAs(EmojifySpark.FRAMES_WRITTEN);
            }
        }
        return new long[] {frames, errors};
    }

    /** Frames written and errors of the plain loop: the threads take the videos in turn. */
    private long[] plainRound(ThroughputRun.PlainEmojify loop, List<Path> files, Path outFolder) throws Exception {
        return rounds.inTurn(files, in -> {
            Path target = outFolder.resolve(in.getFileName() + ".mp4");
            Path temporary = outFolder.resolve("." + in.getFileName() + ".part");
            VideoAnnotator.Result r = new VideoAnnotator(loop.emojify(), TrackerSettings.DEFAULT)
                    .annotate(in, temporary, OutputContainer.MP4, null);
            Files.move(temporary, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return r.frames();
        });
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
