package io.emojify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.emojify.testing.SharedData;
import io.emojify.track.TrackerSettings;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A slow pan and zoom over the four smiling people, with a tone on the audio track, run through {@code emojify video}. */
class VideoCommandTest {

    private static final int W = 640;
    private static final int H = 360;
    private static final int FRAMES = 48;
    private static final double FPS = 24;

    private static void makeClip(Path photo, Path clip) throws Exception {
        BufferedImage src = ImageIO.read(photo.toFile());
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(clip.toFile(), W, H, 1);
                Java2DFrameConverter conv = new Java2DFrameConverter()) {
            r.setFormat("mp4");
            r.setFrameRate(FPS);
            r.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
            r.setVideoQuality(2);
            r.setSampleRate(22050);
            r.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            r.start();
            for (int f = 0; f < FRAMES; f++) {
                double zoom = 1.0 - 0.15 * f / FRAMES;
                double ww = src.getWidth() * zoom;
                double hh = ww * H / W;
                double x = (src.getWidth() - ww) * f / (FRAMES - 1.0);
                double y = Math.max(0, (src.getHeight() - hh) / 2);
                BufferedImage frame = new BufferedImage(W, H, BufferedImage.TYPE_3BYTE_BGR);
                Graphics2D g = frame.createGraphics();
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.drawImage(src, 0, 0, W, H, (int) x, (int) y, (int) (x + ww), (int) (y + hh), null);
                g.dispose();
                r.record(conv.convert(frame));
                short[] tone = new short[(int) (22050 / FPS)];
                for (int i = 0; i < tone.length; i++) {
                    tone[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * (f * tone.length + i) / 22050.0));
                }
                r.recordSamples(22050, 1, ShortBuffer.wrap(tone));
            }
            r.stop();
        }
    }

    @Test
    void panAndZoomKeepsFourTracksSteadyAndTheVideoIntact(@TempDir Path dir) throws Exception {
        Path clip = dir.resolve("pan.mp4");
        makeClip(SharedData.require("data/faces/photos/2.jpg"), clip);
        Path out = dir.resolve("out.mp4");
        assertEquals(0, EmojifyCommand.run("video", clip.toString(), "-o", out.toString()));

        int frames = 0;
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(out.toFile())) {
            g.start();
            assertEquals(W, g.getImageWidth());
            assertEquals(H, g.getImageHeight());
            assertEquals(FPS, g.getVideoFrameRate(), 0.01);
            assertTrue(g.getAudioChannels() > 0, "the audio track is kept");
            Frame f;
            while ((f = g.grabImage()) != null) {
                frames++;
            }
        }
        assertEquals(FRAMES, frames);

        JsonObject summary = JsonParser.parseString(Files.readString(dir.resolve("out.mp4.json"))).getAsJsonObject();
        JsonArray tracks = summary.getAsJsonArray("tracks");
        List<JsonObject> longTracks = new ArrayList<>();
        for (JsonElement e : tracks) {
            JsonObject t = e.getAsJsonObject();
            if (t.get("frames").getAsInt() >= FRAMES * 0.8) {
                longTracks.add(t);
            }
            JsonArray timeline = t.getAsJsonArray("timeline");
            for (int i = 1; i < timeline.size(); i++) {
                double gap = timeline.get(i).getAsJsonObject().get("time").getAsDouble()
                        - timeline.get(i - 1).getAsJsonObject().get("time").getAsDouble();
                assertTrue(gap >= (TrackerSettings.DEFAULT.switchFrames() - 1) / FPS,
                        "track " + t.get("id") + " switched emoji faster than the hysteresis allows: " + timeline);
            }
        }
        assertEquals(4, longTracks.size(), "four faces followed through the clip: " + tracks);
        assertTrue(tracks.size() <= 6, "at most two id switches: " + tracks);
        for (JsonObject t : longTracks) {
            assertEquals("happy", t.get("dominant").getAsString(), t.toString());
        }
    }

    @Test
    void badInputsGiveAMessageAndNoHalfWrittenOutput(@TempDir Path dir) throws Exception {
        Path text = dir.resolve("notes.mp4");
        Files.writeString(text, "not a video");
        assertEquals(1, EmojifyCommand.run("video", text.toString(), "-o", dir.resolve("o.mp4").toString()));
        assertEquals(1, EmojifyCommand.run("video", dir.resolve("missing.mp4").toString(), "-o",
                dir.resolve("o.mp4").toString()));
        assertEquals(1, EmojifyCommand.run("video", text.toString(), "-o", dir.resolve("no/such/dir/o.mp4").toString()));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(text), s.toList(), "nothing half-written is left");
        }
        assertFalse(Files.exists(dir.resolve("o.mp4")));
        assertEquals(2, EmojifyCommand.run("video"));
    }
}
