package io.emojify.cli;

import com.google.gson.GsonBuilder;
import io.emojify.Emojify;
import io.emojify.emotion.Emotion;
import io.emojify.track.TrackedFace;
import io.emojify.track.TrackerSettings;
import io.emojify.video.VideoAnnotator;
import io.emojify.video.VideoException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code emojify video IN -o OUT}: reads any video FFmpeg reads, writes the emojified video at the same size and frame rate
 * with the audio kept, shows progress, and writes a JSON summary beside it ({@code OUT.json}: per tracked face its time
 * span, emotion timeline and dominant emotion). The output is written to a temporary file and moved into place only when
 * complete.
 */
@Command(name = "video", mixinStandardHelpOptions = true,
        description = "Emojify a video file (any format FFmpeg reads); audio is kept; a JSON summary is written beside it.")
final class VideoCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IN", description = "The input video")
    Path in;

    @Option(names = {"-o", "--out"}, required = true, description = "The output video (.mp4, .mkv, .avi, ...)")
    Path out;

    @Option(names = "--mode", defaultValue = "replace", description = "replace, badge or boxes")
    String mode;

    @Override
    public Integer call() throws IOException {
        io.emojify.render.RenderMode renderMode;
        try {
            renderMode = io.emojify.render.RenderMode.valueOf(mode.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            System.err.println("emojify: unknown --mode '" + mode + "'; use replace, badge or boxes");
            return 2;
        }
        if (!Files.isRegularFile(in)) {
            System.err.println("emojify: " + in + ": no such file");
            return 1;
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent) || !Files.isWritable(parent)) {
            System.err.println("emojify: cannot write " + out + ": its folder does not exist or is not writable");
            return 1;
        }
        String name = out.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot > 0 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "mp4";
        Path tmp = parent.resolve("." + name + ".part." + ext);
        Summary summary = new Summary();
        try (Emojify emojify = Emojify.builder().optRenderMode(renderMode).build()) {
            long t0 = System.nanoTime();
            VideoAnnotator.Result r = new VideoAnnotator(emojify, TrackerSettings.DEFAULT).annotate(in, tmp,
                    ext.equals("mkv") ? "matroska" : ext, (frame, total, seconds, tracked) -> {
                        summary.add(seconds, tracked);
                        progress(frame + 1, total, t0);
                    });
            System.err.println();
            if (r.frames() == 0) {
                System.err.println("emojify: " + in + " has no video frames");
                return 1;
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Path json = out.resolveSibling(name + ".json");
            Files.writeString(json, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create()
                    .toJson(summary.toJson(in, out, r.width(), r.height(), r.fps(), r.frames())));
            System.err.printf(Locale.ROOT, "Wrote %s (%d frames, %dx%d, %.2f fps, %.1f frames/s processed) and %s%n", out,
                    r.frames(), r.width(), r.height(), r.fps(), r.frames() / ((System.nanoTime() - t0) / 1e9), json);
            return 0;
        } catch (VideoException e) {
            System.err.println("emojify: " + e.getMessage());
            return 1;
        } finally {
            Files.deleteIfExists(tmp);
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

        Map<String, Object> toJson(Path in, Path out, int w, int h, double fps, int frames) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("input", in.toString());
            o.put("output", out.toString());
            o.put("width", w);
            o.put("height", h);
            o.put("fps", fps);
            o.put("frames", frames);
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
