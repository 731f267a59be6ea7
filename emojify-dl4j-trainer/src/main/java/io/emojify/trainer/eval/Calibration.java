package io.emojify.trainer.eval;

import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/**
 * How far a model's probabilities are from the frequencies they claim, and the temperature that brings them closer
 * (Guo et al., "On Calibration of Modern Neural Networks", 2017): the expected calibration error over equal-width bins of
 * the top probability, the mean negative log-likelihood, and the single temperature {@code T} that minimises the latter
 * when the probabilities are {@code softmax(logits / T)}.
 *
 * <p>Stateless; every method is a pure function of its arguments.
 */
public final class Calibration {

    /** Bins of the expected calibration error, as in the paper. */
    public static final int BINS = 15;

    private static final double MIN_T = 0.2;
    private static final double MAX_T = 10;

    private Calibration() {}

    /**
     * What a temperature does to a set of faces.
     *
     * @param temperature the temperature fitted (1 when none was)
     * @param eceBefore expected calibration error at temperature 1
     * @param eceAfter at the fitted temperature, on the faces it was fitted to
     * @param eceHeldOut at temperatures fitted on one half of the faces and measured on the other (both ways, averaged):
     *     what to expect on faces the fit never saw
     * @param nllBefore mean negative log-likelihood at temperature 1
     * @param nllAfter at the fitted temperature
     * @param accuracy top-1 accuracy (a temperature does not change it)
     * @param n faces
     */
    public record Result(double temperature, double eceBefore, double eceAfter, double eceHeldOut, double nllBefore,
            double nllAfter, double accuracy, int n) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "temperature %.3f: ECE %.4f -> %.4f (held out %.4f), NLL %.4f -> %.4f, "
                    + "accuracy %.4f, n %d", temperature, eceBefore, eceAfter, eceHeldOut, nllBefore, nllAfter, accuracy,
                    n);
        }
    }

    /**
     * The logits behind probabilities that a softmax at a temperature gave: {@code temperature * log p} (the original
     * logits less a constant per face, which the softmax ignores), a probability under 1e-30 taken as 1e-30.
     *
     * @param probabilities one row of probabilities per face
     * @param temperature the temperature the softmax ran at (1 for plain probabilities)
     * @return one row of logits per face
     */
    public static float[][] logitsOf(float[][] probabilities, double temperature) {
        float[][] logits = new float[probabilities.length][];
        for (int i = 0; i < probabilities.length; i++) {
            float[] p = probabilities[i];
            float[] z = new float[p.length];
            for (int c = 0; c < p.length; c++) {
                z[c] = (float) (Math.log(Math.max(p[c], 1e-30)) * temperature);
            }
            logits[i] = z;
        }
        return logits;
    }

    /**
     * Fits a temperature and measures the calibration before and after.
     *
     * @param logits one row of logits per face (log-probabilities serve as well: a constant per row does not matter)
     * @param labels the true class of each face
     * @return the result
     * @throws IllegalArgumentException if there are no faces or the counts differ
     */
    public static Result fit(float[][] logits, int[] labels) {
        check(logits, labels);
        double t = fitTemperature(logits, labels, 0, 1);
        int n = logits.length;
        // held out: fit on even rows, measure on odd ones, and the other way round
        double heldOut = (ece(logits, labels, fitTemperature(logits, labels, 0, 2), 1, 2) * (n / 2)
                + ece(logits, labels, fitTemperature(logits, labels, 1, 2), 0, 2) * ((n + 1) / 2)) / n;
        int right = 0;
        for (int i = 0; i < n; i++) {
            right += argmax(softmax(logits[i], 1)) == labels[i] ? 1 : 0;
        }
        return new Result(t, ece(logits, labels, 1, 0, 1), ece(logits, labels, t, 0, 1), heldOut,
                nll(logits, labels, 1, 0, 1), nll(logits, labels, t, 0, 1), right / (double) n, n);
    }

    /**
     * The expected calibration error: over {@value #BINS} equal-width bins of the top probability, the mean gap between
     * the bin's accuracy and its mean top probability, weighted by the faces in it.
     *
     * @param logits one row per face
     * @param labels true classes
     * @param temperature the temperature applied
     * @return the error, 0 (calibrated) to 1
     */
    public static double ece(float[][] logits, int[] labels, double temperature) {
        check(logits, labels);
        return ece(logits, labels, temperature, 0, 1);
    }

    /**
     * The mean negative log-likelihood of the true class.
     *
     * @param logits one row per face
     * @param labels true classes
     * @param temperature the temperature applied
     * @return the mean, in nats
     */
    public static double nll(float[][] logits, int[] labels, double temperature) {
        check(logits, labels);
        return nll(logits, labels, temperature, 0, 1);
    }

    /**
     * {@code softmax(logits / temperature)}.
     *
     * @param logits one face's logits
     * @param temperature above 0
     * @return the probabilities
     */
    public static double[] softmax(float[] logits, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v / temperature);
        }
        double[] p = new double[logits.length];
        double sum = 0;
        for (int c = 0; c < logits.length; c++) {
            p[c] = Math.exp(logits[c] / temperature - max);
            sum += p[c];
        }
        for (int c = 0; c < p.length; c++) {
            p[c] /= sum;
        }
        return p;
    }

    private static double ece(float[][] logits, int[] labels, double t, int first, int step) {
        double[] confidence = new double[BINS];
        int[] right = new int[BINS];
        int[] count = new int[BINS];
        int n = 0;
        for (int i = first; i < logits.length; i += step) {
            double[] p = softmax(logits[i], t);
            int top = argmax(p);
            int bin = Math.min(BINS - 1, (int) (p[top] * BINS));
            confidence[bin] += p[top];
            right[bin] += top == labels[i] ? 1 : 0;
            count[bin]++;
            n++;
        }
        double e = 0;
        for (int b = 0; b < BINS; b++) {
            if (count[b] > 0) {
                e += Math.abs(right[b] - confidence[b]) / n;
            }
        }
        return e;
    }

    private static double nll(float[][] logits, int[] labels, double t, int first, int step) {
        double sum = 0;
        int n = 0;
        for (int i = first; i < logits.length; i += step) {
            sum -= Math.log(Math.max(softmax(logits[i], t)[labels[i]], 1e-300));
            n++;
        }
        return sum / n;
    }

    /** Golden-section search of log T: the negative log-likelihood is unimodal in it. */
    private static double fitTemperature(float[][] logits, int[] labels, int first, int step) {
        DoubleUnaryOperator loss = logT -> nll(logits, labels, Math.exp(logT), first, step);
        double a = Math.log(MIN_T);
        double b = Math.log(MAX_T);
        double g = (Math.sqrt(5) - 1) / 2;
        double c = b - g * (b - a);
        double d = a + g * (b - a);
        double fc = loss.applyAsDouble(c);
        double fd = loss.applyAsDouble(d);
        while (b - a > 1e-5) {
            if (fc < fd) {
                b = d;
                d = c;
                fd = fc;
                c = b - g * (b - a);
                fc = loss.applyAsDouble(c);
            } else {
                a = c;
                c = d;
                fc = fd;
                d = a + g * (b - a);
                fd = loss.applyAsDouble(d);
            }
        }
        return Math.exp((a + b) / 2);
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    private static void check(float[][] logits, int[] labels) {
        if (logits.length == 0 || logits.length != labels.length) {
            throw new IllegalArgumentException("Calibration needs faces and one label each: " + logits.length
                    + " rows of logits, " + labels.length + " labels");
        }
    }
}
