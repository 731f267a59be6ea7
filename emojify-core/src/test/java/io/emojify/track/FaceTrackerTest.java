package io.emojify.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emojify.AnnotatedFace;
import io.emojify.emoji.BuiltInEmojiSet;
import io.emojify.emotion.Emotion;
import io.emojify.emotion.EmotionScores;
import io.emojify.face.BoundingBox;
import io.emojify.face.Face;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaceTrackerTest {

    private static AnnotatedFace face(double x, double y, Emotion e) {
        float[] p = new float[7];
        java.util.Arrays.fill(p, 0.05f);
        p[e.index()] = 0.7f;
        EmotionScores s = EmotionScores.of(p);
        return new AnnotatedFace(new Face(new BoundingBox(x, y, 100, 100), 0.9), s, e,
                BuiltInEmojiSet.INSTANCE.map(e, s));
    }

    @Test
    void movingFacesKeepTheirIdsAndNewOnesGetNewIds() {
        FaceTracker t = new FaceTracker(TrackerSettings.DEFAULT, BuiltInEmojiSet.INSTANCE);
        for (int f = 0; f < 30; f++) {
            List<TrackedFace> out = t.update(List.of(face(10 + f * 4, 10, Emotion.HAPPY), face(400 - f * 3, 50,
                    Emotion.SAD)));
            assertEquals(List.of(1, 2), out.stream().map(TrackedFace::trackId).toList());
        }
        List<TrackedFace> out = t.update(List.of(face(130, 10, Emotion.HAPPY), face(313, 50, Emotion.SAD),
                face(700, 300, Emotion.FEAR)));
        assertEquals(List.of(1, 2, 3), out.stream().map(TrackedFace::trackId).toList());
    }

    @Test
    void aOneFrameFlickerDoesNotSwitchTheEmojiButASustainedChangeDoes() {
        FaceTracker t = new FaceTracker(TrackerSettings.DEFAULT, BuiltInEmojiSet.INSTANCE);
        for (int f = 0; f < 10; f++) {
            t.update(List.of(face(10, 10, Emotion.HAPPY)));
        }
        assertEquals(Emotion.HAPPY, t.update(List.of(face(10, 10, Emotion.SURPRISE))).get(0).face().emotion());
        assertEquals(Emotion.HAPPY, t.update(List.of(face(10, 10, Emotion.HAPPY))).get(0).face().emotion());
        List<Emotion> shown = new ArrayList<>();
        for (int f = 0; f < 20; f++) {
            shown.add(t.update(List.of(face(10, 10, Emotion.SAD))).get(0).face().emotion());
        }
        assertEquals(Emotion.SAD, shown.get(shown.size() - 1));
        int switches = 0;
        for (int i = 1; i < shown.size(); i++) {
            if (shown.get(i) != shown.get(i - 1)) {
                switches++;
            }
        }
        assertEquals(1, switches, "switched once: " + shown);
        assertTrue(shown.indexOf(Emotion.SAD) >= TrackerSettings.DEFAULT.switchFrames() - 1, "hysteresis: " + shown);
        assertEquals("\uD83D\uDE22", t.update(List.of(face(10, 10, Emotion.SAD))).get(0).face().emoji().text());
    }

    @Test
    void aMissedFaceIsKeptBrieflyThenDropped() {
        FaceTracker t = new FaceTracker(TrackerSettings.DEFAULT, BuiltInEmojiSet.INSTANCE);
        t.update(List.of(face(10, 10, Emotion.HAPPY)));
        for (int f = 1; f <= TrackerSettings.DEFAULT.maxMissedFrames(); f++) {
            List<TrackedFace> out = t.update(List.of());
            assertEquals(1, out.size());
            assertEquals(f, out.get(0).missedFrames());
        }
        assertEquals(List.of(), t.update(List.of()));
        assertEquals(2, t.update(List.of(face(10, 10, Emotion.HAPPY))).get(0).trackId());
    }

    @Test
    void theBoxIsSmoothed() {
        FaceTracker t = new FaceTracker(TrackerSettings.DEFAULT, BuiltInEmojiSet.INSTANCE);
        t.update(List.of(face(0, 0, Emotion.HAPPY)));
        BoundingBox b = t.update(List.of(face(20, 0, Emotion.HAPPY))).get(0).face().face().box();
        assertEquals(10, b.x(), 1e-9);
    }

    @Test
    void aFaceMovingAtConstantSpeedGetsItsVelocityAndItsBoxCatchesUp() {
        FaceTracker t = new FaceTracker(TrackerSettings.DEFAULT, BuiltInEmojiSet.INSTANCE);
        long frame = 100_000_000L; // 10 analyses per second
        TrackedFace last = null;
        for (int f = 0; f < 8; f++) {
            last = t.update(List.of(face(10 + 30 * f, 50, Emotion.HAPPY)), 5_000_000_000L + f * frame).get(0);
        }
        assertEquals(300, last.velocityX(), 1e-6, "30 px per 100 ms");
        assertEquals(0, last.velocityY(), 1e-6);
        assertEquals(10 + 30 * 7, last.face().face().box().x(), 0.5, "the smoothed box does not lag behind");
        assertEquals(5_000_000_000L + 7 * frame, last.seenNanos());
        TrackedFace ahead = last.movedBy(0.05);
        assertEquals(last.face().face().box().x() + 15, ahead.face().face().box().x(), 1e-9);
        assertEquals(last.face().emoji(), ahead.face().emoji());
        IllegalArgumentException back = assertThrows(IllegalArgumentException.class,
                () -> t.update(List.of(), 5_000_000_000L));
        assertTrue(back.getMessage().contains("time order"), back.getMessage());
    }

    @Test
    void settingsOutOfRangeNameTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TrackerSettings(2, 0.5, 5, 0.3, 0.5, 0.1, 4));
        assertTrue(e.getMessage().contains("minIou") && e.getMessage().contains("2.0"), e.getMessage());
    }
}
