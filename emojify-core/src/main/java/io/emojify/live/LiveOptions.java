package io.emojify.live;

import io.emojify.spi.BackendOptions;
import io.emojify.track.TrackerSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link LiveSession} or {@link OrderedSession} works: the detection it asks the backend for, how faces are
 * tracked, how far a face's box is moved ahead to the time a frame is shown, how many workers analyse frames, and how
 * many frames an ordered session holds at most. Immutable; made with {@link #builder()}.
 *
 * <pre>{@code
 * LiveOptions options = LiveOptions.builder().optMaxExtrapolation(Duration.ofMillis(150)).optListener(listener).build();
 * }</pre>
 */
public final class LiveOptions {

    /** The default bound on how far a box is moved along its velocity: 250 ms. */
    public static final Duration DEFAULT_MAX_EXTRAPOLATION = Duration.ofMillis(250);

    /** The default number of frames an ordered session holds: 4. */
    public static final int DEFAULT_MAX_PENDING = 4;

    private static final LiveListener NO_LISTENER = new LiveListener() {};

    private final String detection;
    private final boolean detectionChosen;
    private final TrackerSettings trackerSettings;
    private final Duration maxExtrapolation;
    private final int workers;
    private final int maxPending;
    private final LiveListener listener;

    private LiveOptions(Builder b) {
        this.detection = b.detection;
        this.detectionChosen = b.detectionChosen;
        this.trackerSettings = b.trackerSettings;
        this.maxExtrapolation = b.maxExtrapolation;
        this.workers = b.workers;
        this.maxPending = b.maxPending;
        this.listener = b.listener;
    }

    /** @return the defaults: video detection, the default tracker, 250 ms of extrapolation, one worker, no listener */
    public static LiveOptions defaults() {
        return builder().build();
    }

    /** @return a new builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return the detection a session asks the backend for when it builds its own {@code Emojify}
     *     ({@link BackendOptions#DETECTION_VIDEO} unless chosen)
     */
    public String detection() {
        return detection;
    }

    /** @return whether {@link Builder#optDetection(String)} was called */
    public boolean detectionChosen() {
        return detectionChosen;
    }

    /** @return how faces are followed and steadied */
    public TrackerSettings trackerSettings() {
        return trackerSettings;
    }

    /** @return how far in time a box is moved along its velocity, at most (either way) */
    public Duration maxExtrapolation() {
        return maxExtrapolation;
    }

    /** @return how many threads analyse frames */
    public int workers() {
        return workers;
    }

    /** @return how many frames an {@link OrderedSession} holds at most (submitted and not yet taken) */
    public int maxPending() {
        return maxPending;
    }

    /** @return the listener (one that does nothing unless one was given) */
    public LiveListener listener() {
        return listener;
    }

    /** Builds {@link LiveOptions}: every setting is optional. Not thread-safe. */
    public static final class Builder {
        private String detection = BackendOptions.DETECTION_VIDEO;
        private boolean detectionChosen;
        private TrackerSettings trackerSettings = TrackerSettings.DEFAULT;
        private Duration maxExtrapolation = DEFAULT_MAX_EXTRAPOLATION;
        private int workers = 1;
        private int maxPending = DEFAULT_MAX_PENDING;
        private LiveListener listener = NO_LISTENER;

        private Builder() {}

        /**
         * Chooses the detection settings a session asks the backend for when it builds its own {@code Emojify}
         * ({@code Emojify.live(options)}, {@code Emojify.builder()...buildLive(options)}): {@code video} (the default:
         * fast, for frames of a camera or a video) or {@code photo}. A session over an {@code Emojify} made already
         * uses that instance's detector, and refuses options where this was chosen.
         *
         * @param detection {@link BackendOptions#DETECTION_VIDEO} or {@link BackendOptions#DETECTION_PHOTO}
         * @return this builder
         * @throws IllegalArgumentException naming the choices, for any other value
         */
        public Builder optDetection(String detection) {
            this.detection = BackendOptions.checkDetection(detection);
            this.detectionChosen = true;
            return this;
        }

        /**
         * Sets how faces are followed and steadied (default {@link TrackerSettings#DEFAULT}).
         *
         * @param settings the settings
         * @return this builder
         */
        public Builder optTrackerSettings(TrackerSettings settings) {
            this.trackerSettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * Bounds how far in time {@link LiveSession#facesAt(long)} moves a box along its velocity (default 250 ms): a
         * face that stops, or one the detector lost, overshoots by at most this much of its motion. Zero draws each
         * box where it was last seen.
         *
         * @param bound the bound, 0 or more
         * @return this builder
         * @throws IllegalArgumentException if it is negative
         */
        public Builder optMaxExtrapolation(Duration bound) {
            if (bound.isNegative()) {
                throw new IllegalArgumentException("maxExtrapolation must be 0 or more, was " + bound);
            }
            this.maxExtrapolation = bound;
            return this;
        }

        /**
         * Sets how many threads analyse frames (default 1). A live session with more than one analyses several recent
         * frames at once (for a slow model on many cores); an ordered session analyses the next frames at once.
         *
         * @param workers 1 to 64
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder optWorkers(int workers) {
            if (workers < 1 || workers > 64) {
                throw new IllegalArgumentException("workers must be 1 to 64, was " + workers);
            }
            this.workers = workers;
            return this;
        }

        /**
         * Sets how many frames an {@link OrderedSession} holds at most, submitted and not yet taken (default
         * {@value LiveOptions#DEFAULT_MAX_PENDING}): {@code submit} waits while it holds this many. This bounds its
         * memory.
         *
         * @param maxPending 1 to 1024
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder optMaxPending(int maxPending) {
            if (maxPending < 1 || maxPending > 1024) {
                throw new IllegalArgumentException("maxPending must be 1 to 1024, was " + maxPending);
            }
            this.maxPending = maxPending;
            return this;
        }

        /**
         * Receives each result, failure and dropped frame.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder optListener(LiveListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** @return the options */
        public LiveOptions build() {
            return new LiveOptions(this);
        }
    }
}
