package io.emojify.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emojify.Emojify;
import io.emojify.emotion.EmotionClassifier;
import io.emojify.emotion.EmotionScores;
import io.emojify.face.Face;
import io.emojify.track.TrackedFace;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link OrderedSession}: every frame, in order, with memory bounded, on a clip with a scene cut. */
class OrderedSessionTest {

    private static final int FRAMES = 40;
    private static final int CUT = 20;

    /** Takes a random 0-15 ms per call, so that several workers finish out of order. */
    private static final class JitteryClassifier implements EmotionClassifier {
        private final PannedFaces.SlowClassifier scores = new PannedFaces.SlowClassifier(0, 0);

        @Override
        public List<EmotionScores> classify(BufferedImage image, List<Face> faces) {
            try {
                Thread.sleep(ThreadLocalRandom.current().nextInt(16));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return scores.classify(image, faces);
        }
    }

    @Test
    void everyFrameComesOutInOrderWithItsOwnFacesAcrossACut() throws Exception {
        PannedFaces stream = new PannedFaces(CUT);
        LiveOptions options = LiveOptions.builder().optWorkers(3).optMaxPending(5).build();
        try (Emojify emojify = Emojify.builder().optFaceDetector(stream.new Detector())
                .optEmotionClassifier(new JitteryClassifier()).build();
                OrderedSession session = OrderedSession.of(emojify, options)) {
            List<BufferedImage> submitted = new ArrayList<>();
            AtomicInteger mostHeld = new AtomicInteger();
            Thread producer = new Thread(() -> {
                try {
                    for (int i = 0; i < FRAMES; i++) {
                        BufferedImage frame = stream.frame(i, i / 30.0);
                        synchronized (submitted) {
                            submitted.add(frame);
                        }
                        session.submit(frame, i * 1_000_000_000L / 30);
                        mostHeld.accumulateAndGet(session.pending(), Math::max);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            producer.start();
            List<LiveResult> results = new ArrayList<>();
            while (results.size() < FRAMES) {
                while (session.pending() == 0) {
                    Thread.sleep(1);
                }
                results.add(session.take());
            }
            producer.join();

            assertEquals(FRAMES, results.size());
            Set<Integer> before = new HashSet<>();
            Set<Integer> after = new HashSet<>();
            for (int i = 0; i < FRAMES; i++) {
                LiveResult r = results.get(i);
                assertEquals(i, r.sequence(), "frame order");
                assertSame(submitted.get(i), r.frame(), "each result carries its own frame");
                assertEquals(i, PannedFaces.index(r.frame()));
                List<TrackedFace> fresh = r.faces().stream().filter(f -> f.missedFrames() == 0).toList();
                assertEquals(4, fresh.size(), "the four faces of frame " + i + " are its own (faces of the last scene "
                        + "are kept for a few frames as missed): " + r.faces());
                for (TrackedFace f : fresh) {
                    (i < CUT ? before : after).add(f.trackId());
                    assertTrue(stream.truth(i / 30.0, i >= CUT).stream()
                            .anyMatch(b -> Math.abs(b.y() - f.face().face().box().y()) < 1), "frame " + i);
                }
            }
            assertEquals(4, before.size(), "four tracks before the cut: " + before);
            assertEquals(4, after.size(), "four new tracks after it: " + after);
            assertTrue(before.stream().noneMatch(after::contains), "no track is dragged across the cut");
            assertTrue(mostHeld.get() <= options.maxPending(), "held at most " + options.maxPending() + " frames: "
                    + mostHeld.get());
            assertEquals(FRAMES, session.stats().analysed());
            assertEquals(0, session.pending());
        }
    }

    @Test
    void submitWaitsWhileTheSessionIsFull() throws Exception {
        PannedFaces stream = new PannedFaces(-1);
        LiveOptions options = LiveOptions.builder().optMaxPending(3).build();
        try (Emojify emojify = Emojify.builder().optFaceDetector(stream.new Detector())
                .optEmotionClassifier(new PannedFaces.SlowClassifier(0, 0)).build();
                OrderedSession session = OrderedSession.of(emojify, options)) {
            AtomicInteger submitted = new AtomicInteger();
            Thread producer = new Thread(() -> {
                try {
                    for (int i = 0; i < 5; i++) {
                        session.submit(stream.frame(i, i / 30.0), i);
                        submitted.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            producer.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while ((producer.getState() != Thread.State.WAITING || submitted.get() < 3) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(3, submitted.get(), "three frames taken, the fourth waits");
            assertEquals(Thread.State.WAITING, producer.getState());
            assertEquals(3, session.pending());
            assertEquals(0, session.take().sequence());
            while ((producer.getState() != Thread.State.WAITING || submitted.get() < 4) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(4, submitted.get(), "the room one take() made let one more frame in");
            assertEquals(3, session.pending());
            for (int i = 1; i < 5; i++) {
                while (session.pending() == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(1); // the producer puts the last frame in once a take() made room
                }
                assertEquals(i, session.take().sequence());
            }
            producer.join(10_000);
            assertEquals(5, submitted.get());
            LiveException none = assertThrows(LiveException.class, session::take);
            assertTrue(none.getMessage().contains("No frame is pending"), none.getMessage());
        }
    }

    @Test
    void aFrameThatFailsIsThrownByTakeAndTheNextFrameFollows() throws Exception {
        PannedFaces stream = new PannedFaces(-1);
        List<Long> failures = new ArrayList<>();
        LiveOptions options = LiveOptions.builder().optListener(new LiveListener() {
            @Override
            public void onFailure(long sequence, long captureNanos, RuntimeException error) {
                failures.add(sequence);
            }
        }).build();
        try (Emojify emojify = Emojify.builder().optFaceDetector(stream.new Detector())
                .optEmotionClassifier(new PannedFaces.SlowClassifier(0, 2)).build();
                OrderedSession session = OrderedSession.of(emojify, options)) {
            for (int i = 0; i < 3; i++) {
                session.submit(stream.frame(i, i / 30.0), i);
            }
            assertEquals(0, session.take().sequence());
            LiveException e = assertThrows(LiveException.class, session::take);
            assertTrue(e.getMessage().contains("Frame 1") && e.getMessage().contains("fails on call 2"),
                    e.getMessage());
            assertEquals(2, session.take().sequence());
            assertEquals(List.of(1L), failures);
        }
    }
}
