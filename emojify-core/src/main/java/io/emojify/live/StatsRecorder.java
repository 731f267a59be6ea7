package io.emojify.live;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/** The counters and the recent results behind {@link LiveStats}. Thread-safe. */
final class StatsRecorder {

    /** How many recent results the latency percentiles cover. */
    static final int WINDOW = 100;

    private static final long RATE_SPAN = 2_000_000_000L;

    final AtomicLong offered = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    private final long startNanos = System.nanoTime();
    private final long[] resultTimes = new long[WINDOW];
    private final long[] latencies = new long[WINDOW];
    private long analysed;

    /** Counts one result, ready at {@code now}, {@code latency} after its capture. */
    synchronized void result(long now, long latency) {
        int i = (int) (analysed % WINDOW);
        resultTimes[i] = now;
        latencies[i] = latency;
        analysed++;
    }

    synchronized LiveStats snapshot() {
        long now = System.nanoTime();
        int n = (int) Math.min(analysed, WINDOW);
        int recent = 0;
        long[] sorted = Arrays.copyOf(latencies, n);
        for (int i = 0; i < n; i++) {
            if (now - resultTimes[i] <= RATE_SPAN) {
                recent++;
            }
        }
        Arrays.sort(sorted);
        double span = Math.max(1, Math.min(RATE_SPAN, now - startNanos)) / 1e9;
        return new LiveStats(recent / span, offered.get(), dropped.get(), analysed, failed.get(),
                percentile(sorted, 0.5), percentile(sorted, 0.95));
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
        return sorted[i] / 1e6;
    }
}
