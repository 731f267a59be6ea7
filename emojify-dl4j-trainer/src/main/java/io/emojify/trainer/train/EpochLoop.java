package io.emojify.trainer.train;

import io.emojify.trainer.data.Augmentation;
import io.emojify.trainer.data.FaceSet;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * One epoch of training: the faces shuffled by the seed and the epoch, cut into batches that a background thread augments
 * one ahead of the network, each batch one {@link TrainingStep}. Every random choice derives from the seed, the epoch and
 * the batch number, so an epoch is the same whether or not the run was resumed before it.
 */
final class EpochLoop {

    private final TrainingStep step;
    private final FaceSet train;
    private final Augmentation augmentation;
    private final ExecutorService prefetch;
    private final ProgressReporter progress;
    private final long deadline;

    /**
     * @param step the optimisation step
     * @param train the training faces
     * @param augmentation makes each face's samples
     * @param prefetch the thread that augments the next batch
     * @param progress receives the batches' progress
     * @param deadline {@link System#nanoTime()} after which no batch starts
     */
    EpochLoop(TrainingStep step, FaceSet train, Augmentation augmentation, ExecutorService prefetch,
            ProgressReporter progress, long deadline) {
        this.step = step;
        this.train = train;
        this.augmentation = augmentation;
        this.prefetch = prefetch;
        this.progress = progress;
        this.deadline = deadline;
    }

    /**
     * Trains one epoch, up to {@link TrainingConfig#maxBatchesPerEpoch} batches.
     *
     * @param state the run's state (its settings and the epoch's learning rate)
     * @param epoch the 1-based epoch
     * @return the epoch's record without its validation numbers, or {@code null} if the time budget ran out in it
     */
    TrainingState.Epoch run(TrainingState state, int epoch) {
        TrainingConfig cfg = state.config;
        long t0 = System.nanoTime();
        int[] order = permutation(train.size(), new SplittableRandom(cfg.seed * 1_000_003L + epoch));
        int batches = (train.size() + cfg.batchSize - 1) / cfg.batchSize;
        if (cfg.maxBatchesPerEpoch > 0) {
            batches = Math.min(batches, cfg.maxBatchesPerEpoch);
        }
        double lossSum = 0;
        long correct = 0;
        long samples = 0;
        CompletableFuture<Batch> next = submit(order, 0, cfg, epoch);
        progress.startEpoch(epoch, cfg.epochs, batches);
        for (int b = 0; b < batches; b++) {
            if (System.nanoTime() > deadline) {
                next.cancel(false);
                return null;
            }
            Batch batch = next.join();
            if (b + 1 < batches) {
                next = submit(order, b + 1, cfg, epoch);
            }
            float[] logits = step.run(batch.pixels(), batch.labels(), batch.faces(), (float) state.learningRate);
            lossSum += step.lastLoss * batch.labels().length;
            correct += countCorrect(logits, batch.labels());
            samples += batch.labels().length;
            progress.batch(b + 1, lossSum / samples, samples / ((System.nanoTime() - t0) / 1e9));
        }
        TrainingState.Epoch record = new TrainingState.Epoch();
        record.epoch = epoch;
        record.trainLoss = lossSum / samples;
        record.trainAccuracy = correct / (double) samples;
        record.learningRate = state.learningRate;
        record.samplesPerSecond = samples / ((System.nanoTime() - t0) / 1e9);
        record.seconds = (System.nanoTime() - t0) / 1e9;
        return record;
    }

    private CompletableFuture<Batch> submit(int[] order, int b, TrainingConfig cfg, int epoch) {
        return CompletableFuture.supplyAsync(() -> makeBatch(train, order, b, cfg, augmentation, epoch), prefetch);
    }

    /**
     * One batch of augmented samples.
     *
     * @param pixels the samples, {@code n * side * side} floats
     * @param labels the n class indices
     * @param faces the index of each sample's face in the training set
     */
    record Batch(float[] pixels, float[] labels, int[] faces) {}

    /**
     * Augments batch {@code b} of an epoch; its random choices derive from the seed, the epoch and {@code b}.
     *
     * @param set the faces
     * @param order the epoch's order of the faces
     * @param b the 0-based batch
     * @param cfg the settings (seed, batch size)
     * @param aug the augmentation
     * @param epoch the epoch
     * @return the batch
     */
    static Batch makeBatch(FaceSet set, int[] order, int b, TrainingConfig cfg, Augmentation aug, int epoch) {
        int from = b * cfg.batchSize;
        int count = Math.min(cfg.batchSize, order.length - from);
        int per = aug.samplesPerImage();
        int px = aug.outSide() * aug.outSide();
        float[] data = new float[count * per * px];
        float[] labels = new float[count * per];
        int[] faces = new int[count * per];
        SplittableRandom rnd = new SplittableRandom(cfg.seed ^ ((long) epoch << 32) ^ (b * 0x9E3779B97F4A7C15L));
        for (int i = 0; i < count; i++) {
            int idx = order[from + i];
            aug.augment(set.pixels(idx), rnd, data, i * per * px);
            for (int k = 0; k < per; k++) {
                labels[i * per + k] = set.label(idx);
                faces[i * per + k] = idx;
            }
        }
        return new Batch(data, labels, faces);
    }

    /**
     * A random order of {@code 0..n-1} (Fisher-Yates).
     *
     * @param n the count
     * @param rnd the source of randomness
     * @return the order
     */
    static int[] permutation(int n, SplittableRandom rnd) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static int countCorrect(float[] logits, float[] labels) {
        int classes = logits.length / labels.length;
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (logits[i * classes + c] > logits[i * classes + best]) {
                    best = c;
                }
            }
            if (best == (int) labels[i]) {
                correct++;
            }
        }
        return correct;
    }
}
