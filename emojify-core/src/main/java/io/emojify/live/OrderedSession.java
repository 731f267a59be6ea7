package io.emojify.live;

import io.emojify.AnnotatedFace;
import io.emojify.Emojify;
import io.emojify.track.FaceTracker;
import io.emojify.track.TrackedFace;
import java.awt.image.BufferedImage;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Emojify over every frame of a file, in order: each submitted frame is analysed on the session's workers while the
 * caller draws and encodes the frames before it, and {@link #take()} gives the results in the order the frames were
 * submitted, each with its tracked faces. At most {@link LiveOptions#maxPending()} frames are held (submitted and not
 * yet taken), so memory is bounded whatever the length of the file.
 *
 * <pre>{@code
 * try (OrderedSession session = OrderedSession.of(emojify, LiveOptions.defaults())) {
 *     for (BufferedImage frame : frames) {            // a new image per frame
 *         if (session.pending() == session.maxPending()) {
 *             write(session.take());                    // the oldest frame, drawn while later ones are analysed
 *         }
 *         session.submit(frame, frameNanos);
 *     }
 *     while (session.pending() > 0) {
 *         write(session.take());
 *     }
 * }
 * }</pre>
 *
 * <p>Thread-safe: one thread may submit while another takes ({@link #submit} then waits while the session is full). A
 * frame whose analysis fails is reported to the listener and thrown by {@code take()} as a {@link LiveException}; the
 * next {@code take()} goes on with the next frame.
 */
public final class OrderedSession implements AutoCloseable {

    private static final AtomicInteger SESSIONS = new AtomicInteger();

    private final Emojify emojify;
    private final LiveOptions options;
    private final LiveListener listener;
    private final FaceTracker tracker;
    private final ExecutorService executor;
    private final Semaphore room;
    private final StatsRecorder stats = new StatsRecorder();
    private final AtomicLong sequence = new AtomicLong();
    /** Guarded by itself. */
    private final Deque<Item> items = new ArrayDeque<>();
    private final Object taking = new Object();
    private volatile boolean closed;

    private record Item(long sequence, BufferedImage frame, long captureNanos, Future<List<AnnotatedFace>> analysis) {}

    private OrderedSession(Emojify emojify, LiveOptions options) {
        this.emojify = Objects.requireNonNull(emojify, "emojify");
        this.options = Objects.requireNonNull(options, "options");
        this.listener = new GuardedListener(options.listener());
        this.tracker = new FaceTracker(options.trackerSettings(), emojify.emojiMapper());
        this.room = new Semaphore(options.maxPending());
        this.executor = Executors.newFixedThreadPool(options.workers(),
                GuardedListener.threads("emojify-ordered-" + SESSIONS.incrementAndGet()));
    }

    /**
     * Starts an ordered session over an {@code Emojify} instance (its detector as it is), which stays the caller's to
     * close, after the session.
     *
     * @param emojify the instance that analyses the frames
     * @param options the workers, the bound on held frames, the tracker and the listener; their detection must not have
     *     been chosen (the instance's detector is made)
     * @return the session; close it when done
     * @throws LiveException if the options choose a detection
     */
    public static OrderedSession of(Emojify emojify, LiveOptions options) {
        LiveSession.refuseChosenDetection(options);
        return new OrderedSession(emojify, options);
    }

    /**
     * Submits the next frame for analysis, waiting while {@link #maxPending()} frames are held. The session reads the
     * frame on a worker later: do not change it until its result is taken.
     *
     * @param frame the frame
     * @param frameNanos its time in the stream (for a file, its index over the frame rate, in nanoseconds); frames must
     *     come in time order
     * @throws InterruptedException if interrupted while waiting for room
     * @throws LiveException if the frame is null or the session is closed
     */
    public void submit(BufferedImage frame, long frameNanos) throws InterruptedException {
        if (frame == null) {
            throw new LiveException("The frame is null");
        }
        room.acquire();
        synchronized (items) {
            if (closed) {
                room.release();
                throw new LiveException("This ordered session is closed");
            }
            stats.offered.incrementAndGet();
            items.addLast(new Item(sequence.getAndIncrement(), frame, frameNanos,
                    executor.submit(() -> emojify.analyze(frame))));
        }
    }

    /**
     * Takes the result of the oldest frame not yet taken, waiting for its analysis; its faces are tracked here, in frame
     * order.
     *
     * @return the frame and its tracked faces
     * @throws InterruptedException if interrupted while waiting (the frame stays, to be taken again)
     * @throws LiveException if nothing is pending, the session is closed, or this frame's analysis failed (the message
     *     names the frame; the next call goes on with the next frame)
     */
    public LiveResult take() throws InterruptedException {
        synchronized (taking) {
            Item item;
            synchronized (items) {
                if (closed) {
                    throw new LiveException("This ordered session is closed");
                }
                item = items.peekFirst();
            }
            if (item == null) {
                throw new LiveException("No frame is pending: submit one before taking a result");
            }
            RuntimeException failure = null;
            List<AnnotatedFace> found = null;
            try {
                found = item.analysis().get();
            } catch (ExecutionException e) {
                failure = e.getCause() instanceof RuntimeException r ? r : new LiveException(String.valueOf(e.getCause()),
                        e.getCause());
            } catch (CancellationException e) {
                throw new LiveException("This ordered session is closed", e);
            }
            synchronized (items) {
                items.pollFirst();
            }
            room.release();
            List<TrackedFace> tracked = null;
            if (failure == null) {
                try {
                    tracked = tracker.update(found, item.captureNanos());
                } catch (IllegalArgumentException e) {
                    failure = e;
                }
            }
            if (failure != null) {
                stats.failed.incrementAndGet();
                listener.onFailure(item.sequence(), item.captureNanos(), failure);
                throw new LiveException("Frame " + item.sequence() + " could not be analysed: " + failure.getMessage(),
                        failure);
            }
            long now = System.nanoTime();
            stats.result(now, now - item.captureNanos());
            LiveResult result = new LiveResult(item.sequence(), item.captureNanos(), item.frame(), tracked, now);
            listener.onResult(result);
            return result;
        }
    }

    /** @return the {@code Emojify} instance that analyses the frames (and draws them, for the caller) */
    public Emojify emojify() {
        return emojify;
    }

    /** @return how many frames are held: submitted and not yet taken */
    public int pending() {
        synchronized (items) {
            return items.size();
        }
    }

    /** @return how many frames the session holds at most ({@link LiveOptions#maxPending()}) */
    public int maxPending() {
        return options.maxPending();
    }

    /** @return the counters and recent rates; the latency is from each frame's time, meaningful on nanoTime's clock */
    public LiveStats stats() {
        return stats.snapshot();
    }

    /**
     * Drops the frames not taken, stops the workers (waiting up to half a second for the frames being analysed, then
     * interrupting them) and frees a thread waiting in {@code submit}. The {@code Emojify} instance stays open. Safe to
     * call more than once.
     */
    @Override
    public void close() {
        synchronized (items) {
            if (closed) {
                return;
            }
            closed = true;
            for (Item i : items) {
                i.analysis().cancel(false);
                stats.dropped.incrementAndGet();
            }
            items.clear();
        }
        room.release(options.maxPending());
        executor.shutdown();
        try {
            if (!executor.awaitTermination(500, TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
