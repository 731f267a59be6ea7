package io.emojify.benchmarks;

import io.emojify.Emojify;
import io.emojify.djl.Engines;
import io.emojify.djl.emotion.DjlEmotionClassifier;
import io.emojify.djl.face.YuNetFaceDetector;
import io.emojify.djl.model.EmotionModel;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Memory over a long run: annotates the 640x480 four-face frame many times (10,000 by default) with one shared
 * {@code Emojify} and prints, every 1,000 annotations, the Java heap in use after a full GC and the process's resident set
 * (which holds the engines' native memory: DJL NDArrays, ONNX Runtime and libtorch buffers). Memory is flat when neither
 * grows after the first thousand. Not a JMH benchmark: it measures memory, not time.
 *
 * <pre>java -Demojify.shared=../shared -cp emojify-benchmarks/target/benchmarks.jar io.emojify.benchmarks.MemoryRun
 *     [annotations=10000] [engine=OnnxRuntime|PyTorch] [threads=1]</pre>
 */
public final class MemoryRun {

    private MemoryRun() {}

    /**
     * Runs the measurement.
     *
     * @param args annotations, engine and threads, in that order, each optional
     * @throws Exception if the run fails
     */
    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        String engine = Engines.require(args.length > 1 ? args[1] : Engines.ONNX_RUNTIME);
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        if (total < 1000 || threads < 1) {
            throw new IllegalArgumentException("annotations must be 1,000 or more (memory is reported every 1,000) and "
                    + "threads 1 or more; got " + total + " and " + threads);
        }
        BufferedImage frame = BenchmarkImages.fourPeople(640, 480);
        System.out.printf(Locale.ROOT, "%d annotations of a 640x480 frame with 4 faces, %s, %d thread(s)%n", total, engine,
                threads);
        System.out.println("annotations  heap-after-gc-MB  resident-MB  seconds");
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long[] rss = new long[total / 1000 + 1];
        long[] heap = new long[rss.length];
        try (Emojify emojify = Emojify.builder().optFaceDetector(YuNetFaceDetector.create())
                .optEmotionClassifier(new DjlEmotionClassifier(EmotionModel.embedded(), engine))
                .optCloseGivenComponents(true).build()) {
            int faces = emojify.process(frame).faces().size();
            if (faces != 4) {
                throw new IllegalStateException("expected 4 faces, found " + faces);
            }
            long t0 = System.nanoTime();
            int done = 0;
            report(0, heap, rss, t0);
            while (done < total) {
                int n = Math.min(1000, total - done);
                List<Future<Integer>> results = new ArrayList<>(n); // face counts only: keep no annotated image
                for (int i = 0; i < n; i++) {
                    results.add(pool.submit(() -> emojify.process(frame).faces().size()));
                }
                for (Future<Integer> r : results) {
                    if (r.get() != faces) {
                        throw new IllegalStateException("the face count changed during the run");
                    }
                }
                done += n;
                report(done, heap, rss, t0);
            }
        } finally {
            pool.shutdownNow();
        }
        int last = rss.length - 1;
        System.out.printf(Locale.ROOT, "growth from 1,000 to %,d annotations: heap %+d MB, resident %+d MB%n", total,
                (heap[last] - heap[1]) >> 20, (rss[last] - rss[1]) >> 20);
    }

    private static void report(int done, long[] heap, long[] rss, long t0) throws IOException {
        System.gc();
        MemoryUsage h = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        int k = done / 1000;
        heap[k] = h.getUsed();
        rss[k] = residentBytes();
        System.out.printf(Locale.ROOT, "%11d  %16d  %11d  %7.1f%n", done, heap[k] >> 20, rss[k] >> 20,
                (System.nanoTime() - t0) / 1e9);
    }

    private static long residentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }
}
