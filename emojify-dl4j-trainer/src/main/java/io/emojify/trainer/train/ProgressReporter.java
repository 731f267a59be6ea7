package io.emojify.trainer.train;

/** Receives the progress of training, for a progress bar or a log. */
public interface ProgressReporter {
    /**
     * @param epoch the epoch starting
     * @param epochs the last epoch
     * @param batches the batches in it
     */
    void startEpoch(int epoch, int epochs, int batches);

    /**
     * @param done batches done
     * @param runningLoss the mean loss so far
     * @param samplesPerSecond the throughput so far
     */
    void batch(int done, double runningLoss, double samplesPerSecond);

    /**
     * @param summary the epoch's summary line
     */
    void endEpoch(String summary);

    /** @return a reporter that reports nothing (tests, and callers that read the returned state only) */
    static ProgressReporter none() {
        return new ProgressReporter() {
            @Override
            public void startEpoch(int epoch, int epochs, int batches) {}

            @Override
            public void batch(int done, double runningLoss, double samplesPerSecond) {}

            @Override
            public void endEpoch(String summary) {}
        };
    }
}
