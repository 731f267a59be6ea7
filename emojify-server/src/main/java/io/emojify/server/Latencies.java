package io.emojify.server;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** The last {@value #SIZE} latencies of one kind of work and their percentiles. Thread-safe. */
final class Latencies {

    static final int SIZE = 2048;

    private final long[] nanos = new long[SIZE];
    private int count;
    private int next;

    synchronized void add(long latencyNanos) {
        nanos[next] = latencyNanos;
        next = (next + 1) % SIZE;
        count = Math.min(count + 1, SIZE);
    }

    /** @return {@code {"p50", "p90", "p99"}} in milliseconds and {@code "samples"}; zeros when there is none yet */
    Map<String, Object> percentiles() {
        long[] sorted;
        synchronized (this) {
            sorted = Arrays.copyOf(nanos, count);
        }
        Arrays.sort(sorted);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("p50", millis(sorted, 0.50));
        o.put("p90", millis(sorted, 0.90));
        o.put("p99", millis(sorted, 0.99));
        o.put("samples", sorted.length);
        return o;
    }

    private static double millis(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return Math.round(sorted[Math.max(0, i)] / 1e4) / 100.0;
    }
}
