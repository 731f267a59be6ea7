package io.emojify.trainer.train;

import io.emojify.trainer.data.Augmentation;
import io.emojify.trainer.data.FaceSet;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Times the data path on one thread, with and without augmentation, so that it can be compared with training. */
final class DataPathTiming {

    private static final Logger LOG = LoggerFactory.getLogger(DataPathTiming.class);

    private DataPathTiming() {}

    /**
     * Measures up to 2,000 faces each way and records the rates in the state.
     *
     * @param train the training faces
     * @param augmentation the run's augmentation
     * @param state receives the rates
     */
    static void measure(FaceSet train, Augmentation augmentation, TrainingState state) {
        int n = Math.min(2000, train.size());
        int px = augmentation.outSide() * augmentation.outSide();
        float[] buf = new float[augmentation.samplesPerImage() * px];
        SplittableRandom rnd = new SplittableRandom(1);
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            augmentation.augment(train.pixels(i), rnd, buf, 0);
        }
        long t1 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            System.arraycopy(Augmentation.whole(train.pixels(i), augmentation.outSide()), 0, buf, 0, px);
        }
        long t2 = System.nanoTime();
        state.augmentedImagesPerSecond = n / ((t1 - t0) / 1e9);
        state.plainImagesPerSecond = n / ((t2 - t1) / 1e9);
        LOG.info("Data path on one thread: {} images/s with augmentation ({} samples each), {} images/s without",
                Math.round(state.augmentedImagesPerSecond), augmentation.samplesPerImage(),
                Math.round(state.plainImagesPerSecond));
    }
}
