package io.emojify.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What {@code GET /metrics} reports: requests, errors, refusals when busy, latency percentiles over the last requests,
 * faces found and faces per second over the last minute, for the HTTP API and the live WebSocket frames. Thread-safe.
 */
final class ServerMetrics {

    private static final int WINDOW_SECONDS = 60;

    private final long startNanos = System.nanoTime();
    final LongAdder requests = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final LongAdder frames = new LongAdder();
    final LongAdder frameErrors = new LongAdder();
    private final LongAdder faces = new LongAdder();
    final Latencies requestLatency = new Latencies();
    final Latencies frameLatency = new Latencies();
    private final long[] bucketSecond = new long[WINDOW_SECONDS];
    private final long[] bucketFaces = new long[WINDOW_SECONDS];

    /** Counts one finished API request with its status. */
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

    /** Counts faces found now. */
    void faces(int n) {
        faces.add(n);
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
     * @return the JSON object of {@code GET /metrics}
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
        live.put("frames", frames.sum());
        live.put("errors", frameErrors.sum());
        live.put("latencyMs", frameLatency.percentiles());
        o.put("live", live);
        o.put("workers", workers);
        Runtime rt = Runtime.getRuntime();
        o.put("heapUsedMb", (rt.totalMemory() - rt.freeMemory()) >> 20);
        return o;
    }
}
