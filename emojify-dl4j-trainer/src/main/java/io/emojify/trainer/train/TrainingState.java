package io.emojify.trainer.train;

import java.util.ArrayList;
import java.util.List;

/** The progress of a run, saved with every checkpoint: enough to resume exactly and to write the model card. */
public final class TrainingState {

    /** One epoch's record. */
    public static final class Epoch {
        /** 1-based epoch number. */
        public int epoch;
        /** Mean training loss. */
        public double trainLoss;
        /** Training accuracy (on augmented samples). */
        public double trainAccuracy;
        /** Validation loss. */
        public double validationLoss;
        /** Validation accuracy, single pass. */
        public double validationAccuracy;
        /** Learning rate used. */
        public double learningRate;
        /** Wall time of the epoch in seconds. */
        public double seconds;
        /** Training samples per second. */
        public double samplesPerSecond;
    }

    /** The settings of the run. */
    public TrainingConfig config;
    /** Epochs completed. */
    public int epochsDone;
    /** The learning rate for the next epoch. */
    public double learningRate;
    /** The scheduler's state. */
    public ReduceLrOnPlateau plateau;
    /** With the cosine schedule: the last epoch before annealing began (0: from the start); -1 otherwise. */
    public int cosineAfterEpoch = -1;
    /** With the cosine schedule: the learning rate that annealing started from. */
    public double cosineStartRate;
    /** Best validation accuracy so far. */
    public double bestAccuracy = -1;
    /** The epoch that reached it. */
    public int bestEpoch;
    /** Total training wall time in seconds, over all sessions. */
    public double trainingSeconds;
    /** SHA-256 identifying the training data that was read. */
    public String trainDataChecksum;
    /** SHA-256 identifying the validation data that was read. */
    public String validationDataChecksum;
    /** Faces per second through the augmentation, on one thread (measured at the start of each session). */
    public double augmentedImagesPerSecond;
    /** Faces per second through the data path without augmentation, on one thread. */
    public double plainImagesPerSecond;
    /** What the latest session of the run ran on ({@link RuntimeRecord}), read when it started. */
    public java.util.Map<String, Object> runtime;
    /** Every epoch so far. */
    public List<Epoch> history = new ArrayList<>();
}
