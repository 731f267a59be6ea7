package io.emojify.spark.cli;

import static io.emojify.spark.cli.CommandDefaults.seconds;

import io.emojify.spark.EmojifySpark;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/**
 * The options and the round loop the throughput runs share: a plain loop and Spark alternate over the same files for a
 * number of rounds, each round is printed, then the ratio of their throughput over all rounds. Also what both sides of
 * both runs need: the files of the folder, the plain loop's threads taking them in turn, Spark's start and stop, and the
 * resident memory.
 */
final class Rounds {

    /** One round of one side: what it counted ({@code {units, errors}}, or {@code {units, errors, faces}}). */
    @FunctionalInterface
    interface Round {
        long[] run(int round) throws Exception;
    }

    /** The plain loop's work on one file: what it counted; an {@link IOException} or runtime error is an error. */
    @FunctionalInterface
    interface FileWork {
        long run(Path file) throws IOException;
    }

    @Option(names = "--models", description = "Models folder (holds yunet/yunet_s_dynamic.onnx)")
    String models;

    @Option(names = "--threads", defaultValue = "2", description = "Threads of the loop and of local[N]")
    int threads;

    @Option(names = "--rounds", defaultValue = "2", description = "Rounds of each")
    int rounds;

    @Option(names = "--only", description = "spark or plain: run one of them alone")
    String only;

    /** @return whether Spark runs */
    boolean spark() {
        return !"plain".equals(only);
    }

    /** @return whether the plain loop runs */
    boolean plain() {
        return !"spark".equals(only);
    }

    /**
     * Lists the files of a folder that are not hidden, sorted.
     *
     * @param folder the folder
     * @param depth 1 for the folder's own files, {@link Integer#MAX_VALUE} for those of its sub-folders too
     * @return the files
     * @throws IOException if the folder cannot be listed
     */
    static List<Path> files(Path folder, int depth) throws IOException {
        try (Stream<Path> walk = Files.walk(folder, depth)) {
            return walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
    }

    /**
     * Prints what a run goes over, its threads and rounds and the cores of the machine.
     *
     * @param out where to print
     * @param what what a round goes over ({@code "24 videos"})
     * @param folder where they are
     */
    void printStart(PrintStream out, String what, Path folder) {
        out.printf(Locale.ROOT, "%s in %s, %d threads, %d rounds, %d cores available%n", what, folder, threads, rounds,
                Runtime.getRuntime().availableProcessors());
    }

    /**
     * The plain loop over files: {@code --threads} threads take them in turn.
     *
     * @param files the files
     * @param work what is done with each file
     * @return {@code {counted, errors}}: the sum of what the work counted, and the files it failed on
     * @throws Exception if a thread is interrupted
     */
    long[] inTurn(List<Path> files, FileWork work) throws Exception {
        if (files.isEmpty()) {
            return new long[2];
        }
        AtomicInteger next = new AtomicInteger();
        AtomicLong counted = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < files.size(); i = next.getAndIncrement()) {
                        try {
                            counted.addAndGet(work.run(files.get(i)));
                        } catch (IOException | RuntimeException e) {
                            errors.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return new long[] {counted.get(), errors.get()};
    }

    /**
     * Starts Spark in {@code local[threads]}, unless only the plain loop runs, and prints how long it took.
     *
     * @param out where to print
     * @param appName the application's name
     * @return the session, or null
     */
    SparkSession startSpark(PrintStream out, String appName) {
        if (!spark()) {
            return null;
        }
        long start = System.nanoTime();
        SparkSession session = SparkSession.builder().master("local[" + threads + "]").appName(appName)
                .config("spark.ui.enabled", "false").getOrCreate();
        out.printf(Locale.ROOT, "Spark %s session started in %.2f s%n", session.version(), seconds(start));
        return session;
    }

    /**
     * Closes the executors' Emojify instances and stops Spark, if it was started.
     *
     * @param session the session, or null
     */
    static void stopSpark(SparkSession session) {
        if (session != null) {
            EmojifySpark.closeInstances();
            session.stop();
        }
    }

    /**
     * Alternates the plain loop and Spark, prints each round and the ratio.
     *
     * @param out where to print
     * @param what what a round goes over ({@code "24 videos"})
     * @param unit what is counted ({@code images}, {@code frames})
     * @param plain a round of the plain loop
     * @param spark a round of Spark
     * @throws Exception if a round fails
     */
    void alternate(PrintStream out, String what, String unit, Round plain, Round spark) throws Exception {
        double sparkSeconds = 0;
        double plainSeconds = 0;
        for (int round = 1; round <= rounds; round++) {
            if (plain()) {
                plainSeconds += timed(out, "plain loop", round, what, unit, plain);
            }
            if (spark()) {
                sparkSeconds += timed(out, "Spark     ", round, what, unit, spark);
            }
        }
        if (spark() && plain()) {
            out.printf(Locale.ROOT, "Spark / plain loop throughput over all rounds: %.3f%n", plainSeconds / sparkSeconds);
        }
    }

    private static double timed(PrintStream out, String side, int round, String what, String unit, Round r)
            throws Exception {
        long t = System.nanoTime();
        long[] counts = r.run(round);
        double s = seconds(t);
        String faces = counts.length > 2 ? ", " + counts[2] + " faces" : "";
        out.printf(Locale.ROOT, "%s round %d: %s, %d %s%s, %d errors in %.1f s: %.1f %s/s; resident %s%n", side, round,
                what, counts[0], unit, faces, counts[1], s, counts[0] / s, unit, memory());
        return s;
    }

    /**
     * The resident set now and at its peak, from /proc/self/status.
     *
     * @return the two in MB, or why they are unknown
     */
    static String memory() {
        try {
            String now = "?";
            String peak = "?";
            for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    now = mb(line);
                } else if (line.startsWith("VmHWM:")) {
                    peak = mb(line);
                }
            }
            return now + " MB (peak " + peak + " MB)";
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static String mb(String line) {
        return String.valueOf(Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024);
    }
}
