package io.emojify.spark.cli;

import static io.emojify.spark.cli.CommandDefaults.seconds;

import java.io.PrintStream;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/**
 * The options and the round loop the throughput runs share: a plain loop and Spark alternate over the same files for a
 * number of rounds, each round is printed, then the ratio of their throughput over all rounds.
 */
final class Rounds {

    /** One round of one side: what it counted ({@code {units, errors}}, or {@code {units, errors, faces}}). */
    @FunctionalInterface
    interface Round {
        long[] run(int round) throws Exception;
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
                what, counts[0], unit, faces, counts[1], s, counts[0] / s, unit, ThroughputRun.memory());
        return s;
    }
}
