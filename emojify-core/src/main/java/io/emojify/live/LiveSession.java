package io.emojify.live;

import io.emojify.AnnotatedFace;
import io.emojify.Emojify;
import io.emojify.track.FaceTracker;
import io.emojify.track.TrackedFace;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emojify in real time: a camera (or any source of frames) offers every frame, the session analyses the newest one on
 * its own worker whenever the worker is free, and every frame that is shown gets the tracked faces moved to its time.
 * The picture moves at the camera's rate; the faces are updated at the analysis rate and, in between, follow each face's
 * velocity.
 *
 * <pre>{@code
 * try (LiveSession session = Emojify.live()) {
 *     while (window.isVisible()) {
 *         BufferedImage frame = camera.grab();            // a new image each time: the session reads it later
 *         long captured = System.nanoTime();
 *         session.offer(frame, captured);                 // never blocks: the newest frame is analysed next
 *         window.show(session.render(frame, captured));   // every frame, with the faces where they are now
 *     }
 *     LiveStats stats = session.stats();                  // analyses/s, dropped frames, latency
 * }
 * }</pre>
 *
 * <p>Frames superseded while the worker was busy are dropped and counted ({@link LiveStats#dropped()}); at most one frame
 * waits at any time. Each result and each failure goes to the {@link LiveOptions#listener()}; a frame that fails never
 * stops the session. Thread-safe: one thread may offer while others draw. {@link #close()} stops the worker (within a
 * second, unless a component ignores interrupts) and closes the {@code Emojify} the session made for itself.
 */
public final class LiveSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveSession.class);
    private static final AtomicInteger SESSIONS = new AtomicInteger();

    private final Emojify emojify;
    private final boolean ownsEmojify;
    private final LiveOptions options;
    private final LiveListener listener;
    private final long maxExtrapolationNanos;
    private final StatsRecorder stats = new StatsRecorder();
    private final AtomicReference<Pending> waiting = new AtomicReference<>();
    private final AtomicLong sequence = new AtomicLong();
    private final ExecutorService executor;
    /** Guarded by {@link #tracker}. */
    private long lastTracked = Long.MIN_VALUE;
    private final FaceTracker tracker;
    private volatile List<TrackedFace> latest = List.of();
    /** Guarded by {@code this}. */
    private int activeWorkers;
    private volatile boolean closed;

    private record Pending(long sequence, BufferedImage frame, long captureNanos) {}

    private LiveSession(Emojify emojify, LiveOptions options, boolean ownsEmojify) {
        this.emojify = Objects.requireNonNull(emojify, "emojify");
        this.options = Objects.requireNonNull(options, "options");
        this.ownsEmojify = ownsEmojify;
        this.listener = new GuardedListener(options.listener());
        this.maxExtrapolationNanos = options.maxExtrapolation().toNanos();
        this.tracker = new FaceTracker(options.trackerSettings(), emojify.emojiMapper());
        this.executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 1, TimeUnit.SECONDS, new SynchronousQueue<>(),
                GuardedListener.threads("emojify-live-" + SESSIONS.incrementAndGet()));
    }

    /**
     * Starts a session over an {@code Emojify} instance made already (its detector as it is; build it with
     * {@code Emojify.builder().optDetection("video")} for camera frames). The instance stays the caller's to close, after
     * the session.
     *
     * @param emojify the instance that analyses and draws
     * @param options the session's options; their detection must not have been chosen (the instance's detector is made)
     * @return the session; close it when done
     * @throws LiveException if the options choose a detection
     */
    public static LiveSession of(Emojify emojify, LiveOptions options) {
        refuseChosenDetection(options);
        return new LiveSession(emojify, options, false);
    }

    /**
     * Starts a session that owns its {@code Emojify}: {@link #close()} closes it. For {@code Emojify.live(...)} and
     * {@code Emojify.Builder.buildLive(...)}, which build the instance with the options' detection.
     *
     * @param emojify the instance, handed over: closed here too when the session cannot start
     * @param options the session's options
     * @return the session
     */
    public static LiveSession owning(Emojify emojify, LiveOptions options) {
        try {
            return new LiveSession(emojify, options, true);
        } catch (RuntimeException e) {
            if (emojify != null) {
                emojify.close();
            }
            throw e;
        }
    }

    static void refuseChosenDetection(LiveOptions options) {
        if (options.detectionChosen()) {
            throw new LiveException("LiveOptions.optDetection(\"" + options.detection() + "\") applies when the session "
                    + "builds its own Emojify (Emojify.live(options) or Emojify.builder().buildLive(options)); this "
                    + "instance's detector is made already: build it with Emojify.builder().optDetection(\""
                    + options.detection() + "\")");
        }
    }

    /**
     * Offers a frame. Returns at once: the frame waits until the worker is free, and a newer frame offered before then
     * replaces it (the older one is dropped and counted). The session reads the frame later, on its worker: do not draw
     * on it or reuse its pixels afterwards (offer a copy if the source reuses its images, as JavaCV's converters do).
     *
     * @param frame the frame
     * @param captureNanos when it was captured, on {@link System#nanoTime()}'s clock (latency is measured from it);
     *     frames must be offered in capture order
     * @return true if it was taken, false if the session is closed
     * @throws LiveException if the frame is null
     */
    public boolean offer(BufferedImage frame, long captureNanos) {
        if (frame == null) {
            throw new LiveException("The frame is null");
        }
        if (closed) {
            return false;
        }
        stats.offered.incrementAndGet();
        Pending older = waiting.getAndSet(new Pending(sequence.getAndIncrement(), frame, captureNanos));
        if (older != null) {
            dropped(older);
        }
        synchronized (this) {
            if (!closed && activeWorkers < options.workers() && waiting.get() != null) {
                activeWorkers++;
                executor.execute(this::work);
            }
        }
        return true;
    }

    /**
     * The faces to draw on a frame captured (or shown) at a time: each track's smoothed box moved along its velocity from
     * when it was last seen to that time (by at most {@link LiveOptions#maxExtrapolation()}), with its smoothed emotion
     * and emoji.
     *
     * @param displayNanos the time, on the clock of {@link #offer}: usually the capture time of the frame being shown
     * @return the faces, ordered by track id; empty before the first result
     */
    public List<TrackedFace> facesAt(long displayNanos) {
        List<TrackedFace> now = latest;
        List<TrackedFace> out = new ArrayList<>(now.size());
        for (TrackedFace f : now) {
            long dt = Math.max(-maxExtrapolationNanos, Math.min(maxExtrapolationNanos, displayNanos - f.seenNanos()));
            out.add(f.movedBy(dt / 1e9));
        }
        return out;
    }

    /**
     * Draws {@link #facesAt(long)} on a copy of a frame, in the {@code Emojify} instance's render mode.
     *
     * @param frame the frame; not modified
     * @param displayNanos the time the faces are moved to (usually the frame's capture time)
     * @return a new image
     */
    public BufferedImage render(BufferedImage frame, long displayNanos) {
        List<TrackedFace> faces = facesAt(displayNanos);
        List<AnnotatedFace> draw = new ArrayList<>(faces.size());
        for (TrackedFace f : faces) {
            draw.add(f.face());
        }
        return emojify.render(frame, draw);
    }

    /** @return the counters and recent rates */
    public LiveStats stats() {
        return stats.snapshot();
    }

    /** @return the {@code Emojify} instance that analyses and draws */
    public Emojify emojify() {
        return emojify;
    }

    /**
     * Stops taking frames, drops the one waiting, waits up to half a second for the frame being analysed, then interrupts
     * the worker and waits up to half a second more, and closes the {@code Emojify} instance if the session made it. The
     * frame being analysed is counted as dropped; no listener call follows the return. Safe to call more than once.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        Pending left = waiting.getAndSet(null);
        if (left != null) {
            dropped(left);
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(500, TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
                if (!executor.awaitTermination(500, TimeUnit.MILLISECONDS)) {
                    LOG.warn("A live session's worker is still analysing a frame after it was interrupted");
                }
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        if (ownsEmojify) {
            emojify.close();
        }
    }

    /** One worker: analyses the waiting frame until none is left. */
    private void work() {
        boolean left = false;
        try {
            while (true) {
                Pending p = waiting.getAndSet(null);
                if (p == null) {
                    synchronized (this) {
                        // decided under the lock that offer() takes: a frame offered now starts a new worker
                        if (closed || waiting.get() == null) {
                            activeWorkers--;
                            left = true;
                            return;
                        }
                    }
                    continue;
                }
                analyse(p);
            }
        } finally {
            if (!left) {
                synchronized (this) {
                    activeWorkers--;
                }
            }
        }
    }

    private void analyse(Pending p) {
        List<TrackedFace> tracked;
        try {
            List<AnnotatedFace> found = emojify.analyze(p.frame());
            synchronized (tracker) {
                if (closed) {
                    dropped(p);
                    return;
                }
                if (p.captureNanos() < lastTracked) {
                    // another worker's newer frame came first: this one is too old for the tracker
                    dropped(p);
                    return;
                }
                tracked = tracker.update(found, p.captureNanos());
                lastTracked = p.captureNanos();
                latest = tracked;
            }
        } catch (RuntimeException e) {
            if (closed) {
                dropped(p); // interrupted by close(), or failed while it ran: not the frame's fault
                return;
            }
            stats.failed.incrementAndGet();
            LOG.debug("Live frame {} failed: {}", p.sequence(), e.toString());
            listener.onFailure(p.sequence(), p.captureNanos(), e);
            return;
        }
        long now = System.nanoTime();
        stats.result(now, now - p.captureNanos());
        listener.onResult(new LiveResult(p.sequence(), p.captureNanos(), p.frame(), tracked, now));
    }

    private void dropped(Pending p) {
        stats.dropped.incrementAndGet();
        listener.onDropped(p.sequence(), p.captureNanos());
    }
}
