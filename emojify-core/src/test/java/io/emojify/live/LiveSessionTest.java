package io.emojify.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emojify.Emojify;
import io.emojify.face.BoundingBox;
import io.emojify.track.TrackedFace;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@link LiveSession} on a stream the test makes ({@link PannedFaces}): four faces panned fast across 640x480 frames at
 * 30 fps, offered in real time to a session whose classifier takes 100 ms per call. The checks are outcomes (what was
 * drawn where, what was counted), not speeds, so that they hold on a busy machine.
 */
class LiveSessionTest {

    private static final int FPS = 30;
    /** A tenth of the face's width: how far an extrapolated box may be from its face. */
    private static final double TOLERANCE = PannedFaces.FACE / 10.0;

    /** What a listener saw; {@code outstanding} counts frames offered and not yet resolved (result, drop or failure). */
    private static final class Recorder implements LiveListener {
        final List<LiveResult> results = new CopyOnWriteArrayList<>();
        final List<Long> failures = new CopyOnWriteArrayList<>();
        final List<RuntimeException> errors = new CopyOnWriteArrayList<>();
        final Set<Long> dropped = ConcurrentHashMap.newKeySet();
        final AtomicInteger outstanding = new AtomicInteger();
        final AtomicReference<LiveResult> latest = new AtomicReference<>();

        @Override
        public void onResult(LiveResult result) {
            results.add(result);
            latest.set(result);
            outstanding.decrementAndGet();
        }

        @Override
        public void onFailure(long sequence, long captureNanos, RuntimeException error) {
            failures.add(sequence);
            errors.add(error);
            outstanding.decrementAndGet();
        }

        @Override
        public void onDropped(long sequence, long captureNanos) {
            dropped.add(sequence);
            outstanding.decrementAndGet();
        }
    }

    private static LiveSession session(PannedFaces stream, PannedFaces.SlowClassifier classifier, Recorder recorder,
            Duration maxExtrapolation) {
        LiveOptions options = LiveOptions.builder().optListener(recorder).optMaxExtrapolation(maxExtrapolation).build();
        return Emojify.builder().optFaceDetector(stream.new Detector()).optEmotionClassifier(classifier)
                .optCloseGivenComponents(true).buildLive(options);
    }

    /** Sleeps until a point on nanoTime's clock. */
    private static void sleepUntil(long nanos) throws InterruptedException {
        long left = nanos - System.nanoTime();
        if (left > 0) {
            Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
        }
    }

    private static double distance(BoundingBox a, BoundingBox b) {
        return Math.hypot(a.center().x() - b.center().x(), a.center().y() - b.center().y());
    }

    private static List<TrackedFace> byX(List<TrackedFace> faces) {
        List<TrackedFace> sorted = new ArrayList<>(faces);
        sorted.sort(Comparator.comparingDouble((TrackedFace f) -> f.face().face().box().y())
                .thenComparingDouble(f -> f.face().face().box().x()));
        return sorted;
    }

    @Test
    void everyShownFrameGetsItsFacesWhereTheyAreNowWhileTheAnalysisLagsAndOldFramesAreDropped() throws Exception {
        PannedFaces stream = new PannedFaces(-1);
        PannedFaces.SlowClassifier classifier = new PannedFaces.SlowClassifier(100, 0);
        Recorder recorder = new Recorder();
        int frames = 2 * FPS;
        int shownWithFaces = 0;
        int shownAfterFirstResult = 0;
        int checkedExtrapolated = 0;
        double worstExtrapolated = 0;
        double closestNotExtrapolated = Double.MAX_VALUE;
        int maxOutstanding = 0;
        BufferedImage lastShown = null;
        BufferedImage lastFrame = null;
        List<BoundingBox> lastTruth = null;
        // a generous bound: on a busy machine a result may be older than the default 250 ms
        try (LiveSession session = session(stream, classifier, recorder, Duration.ofSeconds(1))) {
            long start = System.nanoTime();
            for (int i = 0; i < frames; i++) {
                // the newest result before this frame is captured: its boxes are where the faces were at its capture
                LiveResult raw = recorder.latest.get();
                sleepUntil(start + i * 1_000_000_000L / FPS);
                long captured = System.nanoTime();
                double t = (captured - start) / 1e9;
                BufferedImage frame = stream.frame(i, t);
                assertTrue(session.offer(frame, captured));
                maxOutstanding = Math.max(maxOutstanding, recorder.outstanding.incrementAndGet());

                // the frame is shown now, with the faces moved to its time
                List<TrackedFace> shown = session.facesAt(captured);
                if (recorder.latest.get() == null) {
                    continue;
                }
                shownAfterFirstResult++;
                if (shown.size() == 4) {
                    shownWithFaces++;
                }
                List<BoundingBox> truth = stream.truth(t, false);
                List<TrackedFace> sortedShown = byX(shown);
                List<TrackedFace> sortedRaw = raw == null ? List.of() : byX(raw.faces());
                for (int f = 0; f < Math.min(4, sortedShown.size()); f++) {
                    TrackedFace face = sortedShown.get(f);
                    if (face.age() >= 4) { // seen often enough for its velocity and place to have settled
                        double error = distance(face.face().face().box(), truth.get(f));
                        worstExtrapolated = Math.max(worstExtrapolated, error);
                        checkedExtrapolated++;
                    }
                }
                for (int f = 0; f < Math.min(4, sortedRaw.size()); f++) {
                    if (sortedRaw.get(f).age() >= 4) {
                        closestNotExtrapolated = Math.min(closestNotExtrapolated,
                                distance(sortedRaw.get(f).face().face().box(), truth.get(f)));
                    }
                }
                lastFrame = frame;
                lastShown = session.render(frame, captured);
                lastTruth = truth;
            }
            LiveStats stats = session.stats();
            assertEquals(frames, stats.offered());
            assertTrue(stats.dropped() > 0, "frames that waited while a newer one came are dropped: " + stats);
            assertTrue(stats.analysesPerSecond() > 0 && stats.latencyMedianMillis() >= 100
                    && stats.latencyP95Millis() >= stats.latencyMedianMillis(), stats.toString());
        }
        assertTrue(shownAfterFirstResult > frames / 2, "results came early enough: " + shownAfterFirstResult);
        assertEquals(shownAfterFirstResult, shownWithFaces, "every frame shown after the first result has four faces");
        assertTrue(checkedExtrapolated >= 4 * 10, "settled faces were checked: " + checkedExtrapolated);
        assertTrue(worstExtrapolated <= TOLERANCE, "extrapolated boxes stay within a tenth of the face's width of the "
                + "face: worst " + worstExtrapolated + " px");
        assertTrue(closestNotExtrapolated > TOLERANCE, "boxes where the analysed frame had them miss the face shown: "
                + "closest " + closestNotExtrapolated + " px");
        assertTrue(closestNotExtrapolated >= PannedFaces.FACE / 3.0 - TOLERANCE, "the pan is fast enough that a box "
                + "100 ms old misses by about a third of the face: " + closestNotExtrapolated + " px");

        // at most one frame waited: offered frames not yet resolved were never more than one waiting and one analysed
        assertTrue(maxOutstanding <= 2, "frames held at once: " + maxOutstanding);
        List<Long> resolved = new ArrayList<>();
        recorder.results.forEach(r -> resolved.add(r.sequence()));
        resolved.addAll(recorder.dropped);
        resolved.addAll(recorder.failures);
        resolved.sort(null);
        List<Long> all = new ArrayList<>();
        for (long i = 0; i < frames; i++) {
            all.add(i);
        }
        assertEquals(all, resolved, "each frame was analysed or dropped, once");
        List<Long> order = recorder.results.stream().map(LiveResult::sequence).toList();
        assertEquals(order.stream().sorted().toList(), order, "results come in capture order");

        // the drawn frame differs from the camera's inside each face
        for (BoundingBox b : lastTruth) {
            int x = (int) b.center().x();
            int y = (int) b.center().y();
            if (x >= PannedFaces.WIDTH) {
                continue; // a slow machine panned this face out of the picture
            }
            assertTrue(lastShown.getRGB(x, y) != lastFrame.getRGB(x, y), "an emoji is drawn over the face at " + b);
        }
        assertEquals(1, classifier.closed.get(), "the classifier handed over is closed once");
    }

    @Test
    void extrapolationIsBoundedByTheOption() throws Exception {
        PannedFaces stream = new PannedFaces(-1);
        Recorder recorder = new Recorder();
        Duration bound = Duration.ofMillis(200);
        try (LiveSession session = session(stream, new PannedFaces.SlowClassifier(0, 0), recorder, bound)) {
            long start = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                long t = start + i * 100_000_000L;
                session.offer(stream.frame(i, i * 0.1), t);
                while (recorder.results.size() + recorder.dropped.size() < i + 1) {
                    Thread.sleep(5);
                }
            }
            long last = recorder.latest.get().captureNanos();
            TrackedFace seen = session.facesAt(last - bound.toNanos()).get(0);
            double atBound = session.facesAt(last + bound.toNanos()).get(0).face().face().box().x();
            double farther = session.facesAt(last + 10 * bound.toNanos()).get(0).face().face().box().x();
            double now = session.facesAt(last).get(0).face().face().box().x();
            assertEquals(atBound, farther, 1e-9, "no farther than the bound");
            assertEquals(PannedFaces.SPEED * bound.toNanos() / 1e9, atBound - now, 1, "moved at the pan's speed");
            assertTrue(seen.face().face().box().x() < now, "moved back for an earlier time");
        }
    }

    @Test
    void aFrameThatFailsIsReportedAndTheSessionGoesOn() throws Exception {
        PannedFaces stream = new PannedFaces(-1);
        Recorder recorder = new Recorder();
        try (LiveSession session = session(stream, new PannedFaces.SlowClassifier(20, 2), recorder,
                LiveOptions.DEFAULT_MAX_EXTRAPOLATION)) {
            long start = System.nanoTime();
            for (int i = 0; i < 200 && (recorder.failures.isEmpty() || recorder.results.size() < 3); i++) {
                sleepUntil(start + i * 1_000_000_000L / FPS);
                session.offer(stream.frame(i, i / (double) FPS), System.nanoTime());
            }
            assertEquals(1, recorder.failures.size(), "the failure was reported once");
            assertTrue(recorder.errors.get(0).getMessage().contains("fails on call 2"), recorder.errors.toString());
            long failed = recorder.failures.get(0);
            assertTrue(recorder.results.stream().anyMatch(r -> r.sequence() > failed), "frames after it have results");
            assertEquals(1, session.stats().failed());
        }
    }

    @Test
    void closeStopsTheWorkerWithinASecondAndReleasesEachResourceOnce() throws Exception {
        PannedFaces stream = new PannedFaces(-1);
        PannedFaces.Detector detector = stream.new Detector();
        // a classifier that would take a minute: close must interrupt it
        PannedFaces.SlowClassifier classifier = new PannedFaces.SlowClassifier(60_000, 0);
        Recorder recorder = new Recorder();
        LiveSession session = Emojify.builder().optFaceDetector(detector).optEmotionClassifier(classifier)
                .optCloseGivenComponents(true).buildLive(LiveOptions.builder().optListener(recorder).build());
        session.offer(stream.frame(0, 0), System.nanoTime());
        session.offer(stream.frame(1, 0.03), System.nanoTime());
        while (classifier.calls.get() == 0) {
            Thread.sleep(5);
        }
        Thread worker = classifier.lastThread;
        session.offer(stream.frame(2, 0.06), System.nanoTime());
        long t0 = System.nanoTime();
        session.close();
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(seconds < 1, "close returned after " + seconds + " s");
        worker.join(1000);
        assertFalse(worker.isAlive(), "the worker has stopped");
        assertEquals(1, classifier.interrupted.get(), "the analysis in progress was interrupted");
        session.close();
        assertEquals(1, detector.closed.get(), "the detector is closed once");
        assertEquals(1, classifier.closed.get(), "the classifier is closed once");
        assertFalse(session.offer(stream.frame(3, 0.1), System.nanoTime()), "a closed session takes no frame");
        assertTrue(recorder.results.isEmpty(), "no result after close: " + recorder.results);
        assertEquals(3, session.stats().dropped(), "the frames that waited and the one being analysed were dropped: "
                + session.stats());
    }

    @Test
    void aSessionThatCannotStartClosesTheInstanceHandedToIt() {
        PannedFaces stream = new PannedFaces(-1);
        PannedFaces.Detector detector = stream.new Detector();
        Emojify emojify = Emojify.builder().optFaceDetector(detector)
                .optEmotionClassifier(new PannedFaces.SlowClassifier(0, 0)).optCloseGivenComponents(true).build();
        assertThrows(NullPointerException.class, () -> LiveSession.owning(emojify, null));
        assertEquals(1, detector.closed.get(), "the instance handed over was closed with its detector");
        assertThrows(io.emojify.EmojifyException.class, () -> emojify.analyze(stream.frame(0, 0)));
    }

    @Test
    void misuseIsRefusedWithTheLibrarysException() {
        PannedFaces stream = new PannedFaces(-1);
        try (Emojify emojify = Emojify.builder().optFaceDetector(stream.new Detector())
                .optEmotionClassifier(new PannedFaces.SlowClassifier(0, 0)).build()) {
            LiveException chosen = assertThrows(LiveException.class,
                    () -> LiveSession.of(emojify, LiveOptions.builder().optDetection("video").build()));
            assertTrue(chosen.getMessage().contains("optDetection"), chosen.getMessage());
            try (LiveSession session = LiveSession.of(emojify, LiveOptions.defaults())) {
                assertThrows(LiveException.class, () -> session.offer(null, 0));
                assertEquals(List.of(), session.facesAt(0), "no faces before the first result");
            }
        }
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> LiveOptions.builder().optDetection("movie"));
        assertTrue(unknown.getMessage().contains("photo") && unknown.getMessage().contains("video"),
                unknown.getMessage());
    }
}
