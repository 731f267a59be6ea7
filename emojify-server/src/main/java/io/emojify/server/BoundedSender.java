package io.emojify.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.websocket.api.RemoteEndpoint;
import org.eclipse.jetty.websocket.api.WriteCallback;

/**
 * Sends one WebSocket connection's messages without ever blocking the sending thread, and bounds what waits unsent: a
 * message waits from the moment it is sent until Jetty has written it to the socket, which stops when the client stops
 * reading (the socket's buffers are full). Once {@link #MAX_UNSENT_MESSAGES} messages or {@link #MAX_UNSENT_BYTES}
 * bytes wait, the next message is not sent and the connection is given up: {@code overflow} runs once (it closes the
 * connection), and every later message is discarded. Thread-safe; a caller that must keep two messages together (an
 * answer and its drawn frame) sends them while holding this object's lock.
 */
final class BoundedSender {

    /** How many messages may wait unsent before the connection is given up. */
    static final int MAX_UNSENT_MESSAGES = 16;
    /** How many bytes may wait unsent before the connection is given up (text counted as UTF-8). */
    static final long MAX_UNSENT_BYTES = 4L << 20;

    private final RemoteEndpoint remote;
    private final Runnable overflow;
    private final AtomicInteger unsentMessages = new AtomicInteger();
    private final AtomicLong unsentBytes = new AtomicLong();
    /** Set once the bound was passed; guarded by this object's lock. */
    private boolean overflowed;

    /**
     * @param remote the connection's sending side
     * @param overflow what to do, once, when a message finds the bound passed; it must not block (it may run while a
     *     caller holds this object's lock)
     */
    BoundedSender(RemoteEndpoint remote, Runnable overflow) {
        this.remote = remote;
        this.overflow = overflow;
    }

    /**
     * Sends a text message unless the bound is passed.
     *
     * @param text the message
     * @return whether it was handed to Jetty (false once the connection is given up)
     */
    boolean sendText(String text) {
        long bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (!admit(bytes)) {
            return false;
        }
        remote.sendString(text, new Written(bytes));
        return true;
    }

    /**
     * Sends a binary message unless the bound is passed.
     *
     * @param data the message
     * @return whether it was handed to Jetty (false once the connection is given up)
     */
    boolean sendBinary(ByteBuffer data) {
        long bytes = data.remaining();
        if (!admit(bytes)) {
            return false;
        }
        remote.sendBytes(data, new Written(bytes));
        return true;
    }

    /** @return whether the connection was given up because its messages waited unsent */
    synchronized boolean overflowed() {
        return overflowed;
    }

    /** @return the messages waiting to be written now */
    int unsentMessages() {
        return unsentMessages.get();
    }

    /** @return the bytes waiting to be written now */
    long unsentBytes() {
        return unsentBytes.get();
    }

    /** Counts a message as waiting if the bound allows it; otherwise gives the connection up (once). */
    private boolean admit(long bytes) {
        synchronized (this) {
            if (overflowed) {
                return false;
            }
            if (unsentMessages.get() < MAX_UNSENT_MESSAGES && unsentBytes.get() < MAX_UNSENT_BYTES) {
                unsentMessages.incrementAndGet();
                unsentBytes.addAndGet(bytes);
                return true;
            }
            overflowed = true;
        }
        overflow.run();
        return false;
    }

    /** Uncounts a message once Jetty has written it or given up on it (the connection closed). */
    private final class Written implements WriteCallback {
        private final long bytes;

        Written(long bytes) {
            this.bytes = bytes;
        }

        @Override
        public void writeSuccess() {
            done();
        }

        @Override
        public void writeFailed(Throwable x) {
            done();
        }

        private void done() {
            unsentMessages.decrementAndGet();
            unsentBytes.addAndGet(-bytes);
        }
    }
}
