package io.emojify.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link EmojifyServer} listens and what it accepts.
 *
 * @param host the address to listen on ({@code 127.0.0.1}: this machine only; {@code 0.0.0.0}: every interface)
 * @param port the TCP port; 0 picks a free one ({@link EmojifyServer#port()} tells which)
 * @param maxBodyBytes the largest request body or WebSocket frame accepted, in bytes (larger ones get 413)
 * @param maxPixels the largest image accepted, in pixels, checked on the image's header before decoding (413)
 * @param workers the threads that decode, analyse and draw (at most this many images are worked on at once)
 * @param queue how many requests may wait for a worker; past {@code workers + queue}, requests get 503 at once
 * @param shutdownGrace how long {@link EmojifyServer#close()} waits for requests in progress
 * @param access who is admitted: origins, hosts, the token
 */
public record ServerSettings(String host, int port, long maxBodyBytes, long maxPixels, int workers, int queue,
        Duration shutdownGrace, AccessSettings access) {

    /** The default body limit: 20 MiB. */
    public static final long DEFAULT_MAX_BODY_BYTES = 20L << 20;
    /** The default pixel limit: 25 megapixels (a 6000x4000 camera photo fits). */
    public static final long DEFAULT_MAX_PIXELS = 25_000_000L;

    /**
     * The defaults: {@code 127.0.0.1:8080}, 20 MiB, 25 megapixels, one worker per core, a queue of twice that, 10 s to
     * finish on shutdown, {@link AccessSettings#LOCAL} (no token; only the server's own pages).
     */
    public static final ServerSettings DEFAULT = new ServerSettings("127.0.0.1", 8080, DEFAULT_MAX_BODY_BYTES,
            DEFAULT_MAX_PIXELS, Runtime.getRuntime().availableProcessors(),
            2 * Runtime.getRuntime().availableProcessors(), Duration.ofSeconds(10), AccessSettings.LOCAL);

    /**
     * Checks the values.
     *
     * @param host the address to listen on ({@code 127.0.0.1}: this machine only; {@code 0.0.0.0}: every interface)
     * @param port the TCP port; 0 picks a free one ({@link EmojifyServer#port()} tells which)
     * @param maxBodyBytes the largest request body or WebSocket frame accepted, in bytes (larger ones get 413)
     * @param maxPixels the largest image accepted, in pixels, checked on the image's header before decoding (413)
     * @param workers the threads that decode, analyse and draw (at most this many images are worked on at once)
     * @param queue how many requests may wait for a worker; past {@code workers + queue}, requests get 503 at once
     * @param shutdownGrace how long {@link EmojifyServer#close()} waits for requests in progress
     * @param access who is admitted: origins, hosts, the token
     * @throws IllegalArgumentException if a value is out of range (the message names it)
     */
    public ServerSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(access, "access");
        require(port >= 0 && port <= 65535, "port must be 0 to 65535, was " + port);
        require(maxBodyBytes >= 1 && maxBodyBytes <= Integer.MAX_VALUE - 8,
                "maxBodyBytes must be 1 to 2 GiB, was " + maxBodyBytes);
        require(maxPixels >= 1, "maxPixels must be at least 1, was " + maxPixels);
        require(workers >= 1, "workers must be at least 1, was " + workers);
        require(queue >= 0, "queue must be at least 0, was " + queue);
        require(!shutdownGrace.isNegative(), "shutdownGrace must not be negative, was " + shutdownGrace);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * @param newHost the address to listen on
     * @return a copy with it
     */
    public ServerSettings withHost(String newHost) {
        return new ServerSettings(newHost, port, maxBodyBytes, maxPixels, workers, queue, shutdownGrace, access);
    }

    /**
     * @param newPort the port, 0 for any free one
     * @return a copy with it
     */
    public ServerSettings withPort(int newPort) {
        return new ServerSettings(host, newPort, maxBodyBytes, maxPixels, workers, queue, shutdownGrace, access);
    }

    /**
     * @param bytes the largest body accepted
     * @return a copy with it
     */
    public ServerSettings withMaxBodyBytes(long bytes) {
        return new ServerSettings(host, port, bytes, maxPixels, workers, queue, shutdownGrace, access);
    }

    /**
     * @param pixels the largest image accepted
     * @return a copy with it
     */
    public ServerSettings withMaxPixels(long pixels) {
        return new ServerSettings(host, port, maxBodyBytes, pixels, workers, queue, shutdownGrace, access);
    }

    /**
     * @param newWorkers the worker threads
     * @param newQueue the requests that may wait for one
     * @return a copy with them
     */
    public ServerSettings withWorkers(int newWorkers, int newQueue) {
        return new ServerSettings(host, port, maxBodyBytes, maxPixels, newWorkers, newQueue, shutdownGrace, access);
    }

    /**
     * @param grace how long to wait for requests in progress on shutdown
     * @return a copy with it
     */
    public ServerSettings withShutdownGrace(Duration grace) {
        return new ServerSettings(host, port, maxBodyBytes, maxPixels, workers, queue, grace, access);
    }

    /**
     * @param newAccess who is admitted
     * @return a copy with it
     */
    public ServerSettings withAccess(AccessSettings newAccess) {
        return new ServerSettings(host, port, maxBodyBytes, maxPixels, workers, queue, shutdownGrace, newAccess);
    }

    /**
     * @return whether {@link #host()} is a loopback address (or {@code localhost}): only this machine can connect
     */
    public boolean listensOnLoopback() {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * Checks that a server listening beyond loopback requires a token, or was explicitly opened without one.
     *
     * @throws IllegalArgumentException if it would serve everyone who reaches the port without being told to
     */
    public void checkExposure() {
        if (!listensOnLoopback() && access.token() == null && !access.openWithoutToken()) {
            throw new IllegalArgumentException("listening on " + host + " reaches beyond this machine, so a token is "
                    + "needed: give one (serve --token-file FILE, EMOJIFY_TOKEN or --generate-token) or allow every "
                    + "caller explicitly (serve --no-token)");
        }
    }
}
