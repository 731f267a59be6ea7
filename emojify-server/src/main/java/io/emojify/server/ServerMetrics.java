package io.emojify.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * The server's metrics, in two forms: the Prometheus text format of {@code GET /metrics} (a Micrometer
 * {@link PrometheusMeterRegistry} of this server's own: requests by route, method and status with latency histograms,
 * faces, live connections and frames, the workers' queue and refusals, and the JVM's memory, GC, threads and CPU), and
 * the JSON summary of {@code GET /metrics.json} (requests, errors, refusals, latency percentiles over the last requests,
 * faces per second over the last minute). Thread-safe.
 */
final class ServerMetrics implements AutoCloseable {

    private static final int WINDOW_SECONDS = 60;
    /** The histogram buckets of request and frame latency. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Counter facesCounter;
    private final Counter rejectedCounter;
    private final Counter closedSlowCounter;
    private final Timer frameTimer;

    private final long startNanos = System.nanoTime();
    private final LongAdder requests = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder frames = new LongAdder();
    private final LongAdder frameErrors = new LongAdder();
    private final LongAdder faces = new LongAdder();
    private final Latencies requestLatency = new Latencies();
    private final Latencies frameLatency = new Latencies();
    private final long[] bucketSecond = new long[WINDOW_SECONDS];
    private final long[] bucketFaces = new long[WINDOW_SECONDS];

    /**
     * @param pool the workers (their queue is reported)
     * @param queueCapacity the queue's capacity
     */
    ServerMetrics(ThreadPoolExecutor pool, int queueCapacity) {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        Gauge.builder("emojify.workers.busy", pool, ThreadPoolExecutor::getActiveCount)
                .description("Workers decoding, analysing or drawing an image now").register(registry);
        Gauge.builder("emojify.workers.threads", pool, ThreadPoolExecutor::getMaximumPoolSize)
                .description("Worker threads").register(registry);
        Gauge.builder("emojify.queue.depth", pool, p -> p.getQueue().size())
                .description("Images waiting for a worker").register(registry);
        Gauge.builder("emojify.queue.capacity", () -> queueCapacity)
                .description("How many images may wait for a worker before the next is refused").register(registry);
        facesCounter = Counter.builder("emojify.faces").description("Faces found").register(registry);
        rejectedCounter = Counter.builder("emojify.rejected")
                .description("Images refused because every worker was busy and the queue full (503)").register(registry);
        closedSlowCounter = Counter.builder("emojify.live.closed.slow")
                .description("Live connections closed because their client did not read its answers").register(registry);
        frameTimer = Timer.builder("emojify.live.frame").description("Time from a live frame's arrival to its answer")
                .serviceLevelObjectives(BUCKETS).register(registry);
    }

    /** @param connections the live WebSocket connections open now */
    void liveConnections(IntSupplier connections) {
        Gauge.builder("emojify.live.connections", connections::getAsInt)
                .description("Live WebSocket connections open now").register(registry);
    }

    /**
     * Counts one HTTP request, whatever its route (the Prometheus metrics).
     *
     * @param route the route, e.g. {@code /v1/analyze}, or {@code other} for a path the server does not have
     * @param method e.g. {@code POST}
     * @param status the status answered
     * @param nanos its time
     */
    void http(String route, String method, int status, long nanos) {
        Timer.builder("http.server.requests").description("HTTP requests by route, method and status")
                .tag("route", route).tag("method", method).tag("status", Integer.toString(status))
                .serviceLevelObjectives(BUCKETS).register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Counts one finished API request ({@code /v1/analyze}, {@code /v1/emojify}) with its status, for the JSON. */
    void request(long nanos, int status) {
        requests.increment();
        requestLatency.add(nanos);
        if (status >= 400) {
            errors.increment();
        }
        if (status == 503) {
            rejected.increment();
        }
    }

    /** Counts an image refused because the workers and the queue were full. */
    void rejected() {
        rejectedCounter.increment();
    }

    /** Counts a live frame refused because the workers and the queue were full. */
    void liveRejected() {
        rejected.increment();
        rejectedCounter.increment();
    }

    /**
     * Counts a request refused by the admission checks.
     *
     * @param reason {@code host}, {@code origin} or {@code token}
     */
    void refused(String reason) {
        registry.counter("emojify.refused", "reason", reason).increment();
    }

    /**
     * Counts one live frame answered.
     *
     * @param nanos from its arrival to its answer
     * @param result {@code ok}, {@code error} (it could not be read) or {@code dropped} (a newer one replaced it)
     */
    void frame(long nanos, String result) {
        registry.counter("emojify.live.frames", "result", result).increment();
        if (!result.equals("dropped")) {
            frames.increment();
            frameTimer.record(nanos, TimeUnit.NANOSECONDS);
            frameLatency.add(nanos);
        }
        if (result.equals("error")) {
            frameErrors.increment();
        }
    }

    /** Counts a live connection closed because its client did not read its answers. */
    void liveClosedSlow() {
        closedSlowCounter.increment();
    }

    /** Counts faces found now. */
    void faces(int n) {
        faces.add(n);
        facesCounter.increment(n);
        long second = seconds();
        synchronized (bucketFaces) {
            int i = (int) (second % WINDOW_SECONDS);
            if (bucketSecond[i] != second) {
                bucketSecond[i] = second;
                bucketFaces[i] = 0;
            }
            bucketFaces[i] += n;
        }
    }

    /** @return the metrics in the Prometheus text format (version 0.0.4) */
    String prometheus() {
        return registry.scrape();
    }

    private long seconds() {
        return (System.nanoTime() - startNanos) / 1_000_000_000L;
    }

    private double facesPerSecond() {
        long now = seconds();
        long sum = 0;
        synchronized (bucketFaces) {
            for (int i = 0; i < WINDOW_SECONDS; i++) {
                if (now - bucketSecond[i] < WINDOW_SECONDS && bucketSecond[i] <= now) {
                    sum += bucketFaces[i];
                }
            }
        }
        double span = Math.max(1, Math.min(WINDOW_SECONDS, now + 1));
        return Math.round(sum / span * 100) / 100.0;
    }

    /**
     * @param liveConnections the WebSocket connections open now
     * @param workers {@code {"threads", "busy", "queued"}}
     * @return the JSON object of {@code GET /metrics.json}
     */
    Map<String, Object> snapshot(int liveConnections, Map<String, Object> workers) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("uptimeSeconds", seconds());
        o.put("requests", requests.sum());
        o.put("errors", errors.sum());
        o.put("rejected", rejected.sum());
        o.put("latencyMs", requestLatency.percentiles());
        o.put("faces", faces.sum());
        o.put("facesPerSecond", facesPerSecond());
        Map<String, Object> live = new LinkedHashMap<>();
        live.put("connections", liveConnections);
        live.put("closedSlow", (long) closedSlowCounter.count());
        live.put("frames", frames.sum());
        live.put("errors", frameErrors.sum());
        live.put("latencyMs", frameLatency.percentiles());
        o.put("live", live);
        o.put("workers", workers);
        Runtime rt = Runtime.getRuntime();
        o.put("heapUsedMb", (rt.totalMemory() - rt.freeMemory()) >> 20);
        return o;
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
