package io.emojify.cli;

import com.google.gson.GsonBuilder;
import io.emojify.Emojify;
import io.emojify.djl.face.DetectorSettings;
import io.emojify.emotion.Emotion;
import io.emojify.io.AtomicFiles;
import io.emojify.track.TrackedFace;
import io.emojify.track.TrackerSettings;
import io.emojify.video.OutputContainer;
import io.emojify.video.VideoAnnotator;
import io.emojify.video.VideoException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code emojify video IN -o OUT [--overwrite]}: reads any video FFmpeg reads, writes the emojified video as H.264 at the
 * same size and frame rate with the audio kept, in the container the extension of OUT names ({@code .mp4}, {@code .m4v},
 * {@code .mov}, {@code .mkv}, {@code .avi}), shows progress, and writes a JSON summary beside it ({@code OUT.json}: what was
 * written, and per tracked face its time span, emotion timeline and dominant emotion).
 *
 * <p>Refused with exit code 2, before FFmpeg is involved: an output extension not in that list, an output that is the input,
 * and an existing output (or summary) without {@code --overwrite}. The video is written to a temporary file, unique to the
 * run, in the output's folder and moved into place only when complete; it is deleted on failure.
 */
@Command(name = "video", mixinStandardHelpOptions = true,
        description = {"Emojify a video file (any format FFmpeg reads) into H.264 at the same size and frame rate; "
                + "the audio is kept; a JSON summary OUT.json is written beside it.",
            "An existing OUT is not replaced unless --overwrite is given; the input is never overwritten."})
final class VideoCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IN", description = "The input video")
    Path in;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "OUT",
            description = "The output video: .mp4 (H.264 in MP4, recommended), .m4v, .mov, .mkv or .avi")
    Path out;

    @Mixin
    RenderModeOption mode = new RenderModeOption();
    @Mixin
    DetectionOptions detection = new DetectionOptions();
    @Mixin
    EmotionModelOption emotionModel = new EmotionModelOption();

    @Option(names = "--overwrite", description = "Replace OUT and OUT.json if they exist (never the input)")
    boolean overwrite;

    @Override
    public Integer call() throws IOException {
        io.emojify.render.RenderMode renderMode = mode.parseOrPrint();
        if (renderMode == null) {
            return 2;
        }
        Optional<OutputContainer> container = OutputContainer.forFile(out);
        if (container.isEmpty()) {
            System.err.println("emojify: cannot write " + out + ": unknown video container; name the output "
                    + OutputContainer.supportedExtensions());
            return 2;
        }
        if (!Files.isRegularFile(in)) {
            System.err.println("emojify: " + in + ": no such file");
            return 1;
        }
        String name = out.getFileName().toString();
        Path json = out.resolveSibling(name + ".json");
        for (Path p : List.of(out, json)) {
            if (Files.exists(p) && Files.isSameFile(in, p)) {
                System.err.println("emojify: " + p + " is the input " + in + "; choose another output");
                return 2;
            }
        }
        int refused = OutputChecks.check(out, List.of(out, json), overwrite, "out.mp4");
        if (refused != 0) {
            return refused;
        }
        long load0 = System.nanoTime();
        DetectionOptions.Chosen faceDetector = detection.openOrPrint(DetectorSettings.VIDEO);
        if (faceDetector == null) {
            return 2;
        }
        Emojify.Builder builder = faceDetector.applyTo(emotionModel.apply(Emojify.builder().optRenderMode(renderMode)));
        Path tmp = AtomicFiles.temporaryFileFor(out);
        Path tmpJson = AtomicFiles.temporaryFileFor(json);
        Thread cleanup = new Thread(() -> {
            try {
                Files.deleteIfExists(tmp);
                Files.deleteIfExists(tmpJson);
            } catch (IOException ignored) {
                // best effort on interrupt
            }
        }, "emojify-video-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        Summary summary = new Summary();
        int[] done = {0};
        try (faceDetector; Emojify emojify = builder.build()) {
            long t0 = System.nanoTime(); // the models are loaded and warmed up: from here on, the video's own time
            VideoAnnotator.Result r = new VideoAnnotator(emojify, TrackerSettings.DEFAULT).annotate(in, tmp,
                    container.get(), (frame, total, seconds, tracked) -> {
                        summary.add(seconds, tracked);
                        done[0] = frame + 1;
                        progress(frame + 1, total, t0);
                    });
            System.err.println();
            if (r.frames() == 0) {
                System.err.println("emojify: " + in + " has no video frames");
                return 1;
            }
            Files.writeString(tmpJson, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create()
                    .toJson(summary.toJson(in, out, container.get(), r)));
            if (!overwrite && (Files.exists(out, LinkOption.NOFOLLOW_LINKS)
                    || Files.exists(json, LinkOption.NOFOLLOW_LINKS))) {
                System.err.println("emojify: " + out + " or " + json + " appeared while the video was being written; "
                        + "not replaced (add --overwrite to replace)");
                return 1;
            }
            AtomicFiles.Existing existing = overwrite ? AtomicFiles.Existing.REPLACE : AtomicFiles.Existing.REFUSE;
            AtomicFiles.place(tmp, out, existing);
            AtomicFiles.place(tmpJson, json, existing);
            String padded = r.width() != r.inputWidth() || r.height() != r.inputHeight()
                    ? " (padded from " + r.inputWidth() + "x" + r.inputHeight() + ": H.264 needs even sides)" : "";
            System.err.printf(Locale.ROOT, "Wrote %s (H.264, %d frames, %dx%d%s, %.2f fps, %s, %.1f frames/s processed "
                    + "from opening the input to the file complete; models loaded in %.1f s) and %s%n", out, r.frames(),
                    r.width(), r.height(), padded, r.fps(), r.audio() ? "audio kept" : "no audio",
                    r.frames() / ((System.nanoTime() - t0) / 1e9), (t0 - load0) / 1e9, json);
            return 0;
        } catch (VideoException e) {
            if (done[0] > 0) {
                System.err.println();
            }
            System.err.println("emojify: " + e.getMessage());
            return 1;
        } finally {
            Files.deleteIfExists(tmp);
            Files.deleteIfExists(tmpJson);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
    }

    private static void progress(int frames, int total, long t0) {
        if (frames % 10 != 0 && frames != total) {
            return;
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        double rate = frames / Math.max(secs, 1e-9);
        String left = total > 0 ? String.format(Locale.ROOT, ", %.0f s left", Math.max(0, total - frames) / rate) : "";
        System.err.printf(Locale.ROOT, "\rframe %d/%s, %.1f fps%s   ", frames, total > 0 ? total : "?", rate, left);
    }

    /** Per-track time spans and emotion timelines. */
    private static final class Summary {
        private final Map<Integer, Map<String, Object>> tracks = new TreeMap<>();
        private final Map<Integer, EnumMap<Emotion, Integer>> counts = new TreeMap<>();
        private final Map<Integer, Emotion> last = new TreeMap<>();

        @SuppressWarnings("unchecked")
        void add(double time, List<TrackedFace> tracked) {
            for (TrackedFace t : tracked) {
                if (t.missedFrames() > 0) {
                    continue;
                }
                Map<String, Object> m = tracks.computeIfAbsent(t.trackId(), id -> {
                    Map<String, Object> n = new LinkedHashMap<>();
                    n.put("id", id);
                    n.put("start", time);
                    n.put("timeline", new ArrayList<Map<String, Object>>());
                    return n;
                });
                m.put("end", time);
                Emotion e = t.face().emotion();
                counts.computeIfAbsent(t.trackId(), id -> new EnumMap<>(Emotion.class)).merge(e, 1, Integer::sum);
                if (last.get(t.trackId()) != e) {
                    last.put(t.trackId(), e);
                    ((List<Map<String, Object>>) m.get("timeline")).add(Map.of("time", time, "emotion", e.label(),
                            "emoji", t.face().emoji().text()));
                }
            }
        }

        Map<String, Object> toJson(Path in, Path out, OutputContainer container, VideoAnnotator.Result r) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("input", in.toString());
            o.put("output", out.toString());
            o.put("container", container.format());
            o.put("videoCodec", "h264");
            o.put("encoder", r.videoEncoder());
            o.put("width", r.width());
            o.put("height", r.height());
            o.put("inputWidth", r.inputWidth());
            o.put("inputHeight", r.inputHeight());
            o.put("fps", r.fps());
            o.put("frames", r.frames());
            o.put("audio", r.audio());
            List<Object> list = new ArrayList<>();
            for (Map.Entry<Integer, Map<String, Object>> e : tracks.entrySet()) {
                Map<String, Object> m = e.getValue();
                EnumMap<Emotion, Integer> c = counts.get(e.getKey());
                Emotion dominant = c.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
                m.put("dominant", dominant.label());
                m.put("frames", c.values().stream().mapToInt(Integer::intValue).sum());
                list.add(m);
            }
            o.put("tracks", list);
            return o;
        }
    }
}
