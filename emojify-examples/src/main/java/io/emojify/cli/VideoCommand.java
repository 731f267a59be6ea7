package io.emojify.cli;

import com.google.gson.GsonBuilder;
import io.emojify.AnnotatedFace;
import io.emojify.Emojify;
import io.emojify.emotion.Emotion;
import io.emojify.track.FaceTracker;
import io.emojify.track.TrackedFace;
import io.emojify.track.TrackerSettings;
import java.awt.image.BufferedImage;
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
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FFmpegLogCallback;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;
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
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        FFmpegLogCallback.set();
        Summary summary = new Summary();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(in.toFile())) {
            try {
                grabber.start();
            } catch (FrameGrabber.Exception e) {
                System.err.println("emojify: " + in + " is not a video FFmpeg can read (" + e.getMessage() + ")");
                return 1;
            }
            int w = grabber.getImageWidth();
            int h = grabber.getImageHeight();
            if (w <= 0 || h <= 0) {
                System.err.println("emojify: " + in + " has no video stream (frame size " + w + "x" + h + ")");
                return 1;
            }
            double fps = grabber.getVideoFrameRate() > 0 ? grabber.getVideoFrameRate() : 25;
            int total = grabber.getLengthInVideoFrames();
            int frames = 0;
            try (Emojify emojify = Emojify.builder().optRenderMode(renderMode).build();
                    FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(tmp.toFile(), w, h,
                            grabber.getAudioChannels());
                    Java2DFrameConverter toImage = new Java2DFrameConverter();
                    Java2DFrameConverter toFrame = new Java2DFrameConverter()) {
                recorder.setFormat(ext.equals("mkv") ? "matroska" : ext);
                recorder.setFrameRate(fps);
                recorder.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
                recorder.setVideoQuality(2);
                recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
                if (grabber.getAudioChannels() > 0) {
                    recorder.setSampleRate(grabber.getSampleRate());
                    recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
                    recorder.setAudioBitrate(128_000);
                }
                recorder.start();
                FaceTracker tracker = new FaceTracker(TrackerSettings.DEFAULT, emojify.emojiMapper());
                long t0 = System.nanoTime();
                Frame frame;
                while ((frame = grabber.grab()) != null) {
                    if (frame.image != null) {
                        BufferedImage img = toImage.convert(frame);
                        List<TrackedFace> tracked = tracker.update(emojify.analyze(img));
                        summary.add(frames / fps, tracked);
                        List<AnnotatedFace> draw = new ArrayList<>();
                        tracked.forEach(t -> draw.add(t.face()));
                        recorder.record(toFrame.convert(emojify.render(img, draw)));
                        frames++;
                        progress(frames, total, t0);
                    } else if (frame.samples != null) {
                        recorder.record(frame);
                    }
                }
                recorder.stop();
            }
            System.err.println();
            if (frames == 0) {
                Files.deleteIfExists(tmp);
                System.err.println("emojify: " + in + " has no video frames");
                return 1;
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Path json = out.resolveSibling(name + ".json");
            Files.writeString(json, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create()
                    .toJson(summary.toJson(in, out, w, h, fps, frames)));
            System.err.printf(Locale.ROOT, "Wrote %s (%d frames, %dx%d, %.2f fps) and %s%n", out, frames, w, h, fps, json);
            return 0;
        } catch (FrameGrabber.Exception | FrameRecorder.Exception e) {
            System.err.println("emojify: video failed: " + e.getMessage());
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
