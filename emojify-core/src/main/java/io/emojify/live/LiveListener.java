package io.emojify.live;

/**
 * Receives what a session does with each frame. Called on the session's worker thread for a {@link LiveSession}, and on
 * the thread that calls {@link OrderedSession#take()} for an ordered one; keep the work short (a live session's next
 * analysis waits for it). An exception thrown here is logged and does not stop the session.
 */
public interface LiveListener {

    /**
     * A frame was analysed and its faces tracked.
     *
     * @param result the frame, its tracked faces and times
     */
    default void onResult(LiveResult result) {}

    /**
     * A frame could not be analysed (its detector or classifier failed). The session goes on with the next frame.
     *
     * @param sequence the frame's number in the order it was offered, from 0
     * @param captureNanos the capture time it was offered with
     * @param error what the component threw
     */
    default void onFailure(long sequence, long captureNanos, RuntimeException error) {}

    /**
     * A live session dropped a frame without analysing it: a newer frame came while it waited, the session closed, or
     * (with several workers) a newer frame's result came first.
     *
     * @param sequence the frame's number in the order it was offered, from 0
     * @param captureNanos the capture time it was offered with
     */
    default void onDropped(long sequence, long captureNanos) {}
}
