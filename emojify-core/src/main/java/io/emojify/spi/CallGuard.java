package io.emojify.spi;

import java.util.Objects;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Keeps a component's calls and its {@code close()} apart, for components that hold native memory: calls run together
 * under a read lock; {@link #close(Runnable)} takes the write lock, so it waits for the calls in progress, and releases
 * once; a call after it fails with the component's own "closed" error. Thread-safe.
 *
 * <pre>{@code
 * private final CallGuard guard = new CallGuard(() -> new FaceDetectionException("The detector is closed"));
 *
 * public List<Face> detect(BufferedImage image) {
 *     return guard.call(() -> run(image));
 * }
 *
 * public void close() {
 *     guard.close(model::close);
 * }
 * }</pre>
 */
public final class CallGuard {

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Supplier<? extends RuntimeException> closedError;
    /** Read and written under {@link #lock}. */
    private boolean closed;

    /**
     * @param closedError makes the error a call after {@link #close(Runnable)} throws
     */
    public CallGuard(Supplier<? extends RuntimeException> closedError) {
        this.closedError = Objects.requireNonNull(closedError, "closedError");
    }

    /**
     * Runs a call unless closed; other calls may run at the same time, {@link #close(Runnable)} waits for it.
     *
     * @param <T> what the call returns
     * @param call the call
     * @return what the call returned
     * @throws RuntimeException the closed error when closed, or what the call threw
     */
    public <T> T call(Supplier<T> call) {
        lock.readLock().lock();
        try {
            if (closed) {
                throw closedError.get();
            }
            return call.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Closes: waits for the calls in progress, then runs {@code release} the first time only.
     *
     * @param release frees what the component holds
     * @return {@code true} the first time, {@code false} when it was closed already
     */
    public boolean close(Runnable release) {
        lock.writeLock().lock();
        try {
            if (closed) {
                return false;
            }
            closed = true;
            release.run();
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }
}
