package io.emojify.live;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A session's listener, called so that its exceptions are logged and never stop the session; and the sessions' threads. */
final class GuardedListener implements LiveListener {

    private static final Logger LOG = LoggerFactory.getLogger(GuardedListener.class);

    private final LiveListener listener;

    GuardedListener(LiveListener listener) {
        this.listener = listener;
    }

    @Override
    public void onResult(LiveResult result) {
        try {
            listener.onResult(result);
        } catch (RuntimeException e) {
            LOG.warn("A session's listener failed on a result: {}", e.toString());
        }
    }

    @Override
    public void onFailure(long sequence, long captureNanos, RuntimeException error) {
        try {
            listener.onFailure(sequence, captureNanos, error);
        } catch (RuntimeException e) {
            LOG.warn("A session's listener failed on a failure: {}", e.toString());
        }
    }

    @Override
    public void onDropped(long sequence, long captureNanos) {
        try {
            listener.onDropped(sequence, captureNanos);
        } catch (RuntimeException e) {
            LOG.warn("A session's listener failed on a dropped frame: {}", e.toString());
        }
    }

    /** Daemon threads named {@code prefix-N} for one session's workers. */
    static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
