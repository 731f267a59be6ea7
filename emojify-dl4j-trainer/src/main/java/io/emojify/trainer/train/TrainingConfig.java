package io.emojify.trainer.train;

/**
 * Every setting of a training run, recorded in each checkpoint and in the model card. Defaults are the paper's recipe
 * (SGD with Nesterov momentum 0.9, learning rate 0.01, weight decay 1e-4, ReduceLROnPlateau factor 0.75 patience 5,
 * batch 64, 300 epochs).
 */
public final class TrainingConfig {
    /** DJL's default initialisation (see {@link #initialisation}). */
    public static final String INIT_DJL = "djl";
    /** PyTorch's default initialisation (see {@link #initialisation}). */
    public static final String INIT_PYTORCH = "pytorch";
    /** The ReduceLROnPlateau schedule. */
    public static final String PLATEAU = "plateau";
    /** The cosine annealing schedule. */
    public static final String COSINE = "cosine";

    /** Architecture name (see {@code EmotionNetworks}). */
    public String architecture = "compact";
    /** Training data: a split folder of class folders, or fer2013.csv. */
    public String trainData;
    /** Validation data: a split folder, or fer2013.csv (its PublicTest rows). */
    public String validationData;
    /** Maximum number of epochs. */
    public int epochs = 300;
    /** Faces per batch (with ten-crop, each face gives ten samples). */
    public int batchSize = 64;
    /** Initial learning rate. */
    public double learningRate = 0.01;
    /** Nesterov momentum. */
    public double momentum = 0.9;
    /** L2 weight decay. */
    public double weightDecay = 1e-4;
    /** ReduceLROnPlateau factor. */
    public double plateauFactor = 0.75;
    /** ReduceLROnPlateau patience in epochs. */
    public int plateauPatience = 5;
    /**
     * Learning-rate schedule: {@code plateau} (ReduceLROnPlateau on the validation accuracy, the paper's) or {@code cosine}
     * (cosine annealing to zero at the last epoch, from the rate in force when it was switched on). {@code null}: plateau for
     * a new run; a resumed run keeps its checkpoint's schedule (and {@link #annealAfter}) unless another schedule is named here.
     */
    public String schedule;
    /**
     * With the cosine schedule: epochs run on the plateau rule before annealing starts (0: anneal from the first epoch, or
     * from the resume point of a plateau run switched to cosine).
     */
    public int annealAfter;
    /**
     * Train on the ten 40x40 crops (the paper) rather than the whole face. Kept for checkpoints written before
     * {@link #cropsPerFace}; read through {@link #crops()}.
     */
    public boolean tenCrop;
    /**
     * What each face gives per epoch: 0 the whole face (the compact networks), 1 one 40x40 crop at a random position (the
     * paper's recipe at a tenth of its cost), 10 the paper's ten crops. Networks trained on crops are validated on the ten
     * crops with their logits averaged, as the paper's evaluation does.
     */
    public int cropsPerFace;
    /**
     * How a new run's weights were initialised: {@code djl} (DJL's default: He-normal weights, zero biases) or
     * {@code pytorch} (PyTorch's defaults for {@code nn.Conv2d} and {@code nn.Linear}: weights and biases uniform in
     * +-1/sqrt(fan-in), as the paper's code had them). {@code null} in checkpoints written before it was recorded: DJL's.
     */
    public String initialisation;
    /** Seed of every random choice (shuffling, augmentation, initialisation, dropout). */
    public long seed = 20260101L;
    /** Stop cleanly after this many minutes (0: no limit). */
    public double timeBudgetMinutes;
    /** Keep at most this many faces of each class (0: all): for short runs. */
    public int limitPerClass;
    /** Stop each epoch after this many batches (0: all): for short runs. */
    public int maxBatchesPerEpoch;
    /**
     * Start a new run from these weights rather than from random ones: a parameters file, a model folder or a run folder
     * (its best weights). {@code null}: random initialisation.
     */
    public String initialWeights;
    /** SHA-256 of the parameters file that {@link #initialWeights} named, recorded when the run started. */
    public String initialWeightsChecksum;
    /**
     * For a run that goes on from what {@code keep-half} kept of an unfinished run (its half-precision weights and its
     * state): the kept files' common prefix. The kept state's epochs, history, rate and plateau continue; the momentum
     * starts from zero. {@code null}: not continued.
     */
    public String continuedFrom;
    /**
     * Knowledge distillation: an exported model folder whose outputs the network learns to match, or a file of a
     * teacher's outputs for the training faces ({@code SoftTargets}). {@code null}: none.
     */
    public String teacher;
    /**
     * SHA-256 of the teacher's parameters (a model folder) or of its soft-targets file, recorded when the run started and
     * checked on resume.
     */
    public String teacherChecksum;
    /** With a teacher: the weight of the teacher's soft targets in the loss, 0 to 1 (see {@code DistillationLoss}). */
    public double distillationWeight = 0.5;
    /** With a teacher: the temperature that softens the teacher's and the network's probabilities. */
    public double distillationTemperature = 4;
    /**
     * Keep the weights of every epoch in {@code weights/epoch-NNNN.params} under the run folder (about 2.5 MB an epoch for
     * {@code compact}), so that they can be averaged afterwards (see {@code AveragedRun}).
     */
    public boolean keepWeights;
    /**
     * For a run made by averaging another run's weights (stochastic weight averaging, see {@code AveragedRun}): that run's
     * folder. {@code null} for a trained run.
     */
    public String averagedRun;
    /** For an averaged run: the first epoch whose weights were averaged. */
    public int averagedFromEpoch;
    /** For an averaged run: the last epoch whose weights were averaged. */
    public int averagedToEpoch;

    /**
     * Returns the crops per face in force: {@link #cropsPerFace}, or 10 for a checkpoint that recorded only
     * {@link #tenCrop}.
     *
     * @return 0, 1 or 10
     */
    public int crops() {
        return cropsPerFace == 0 && tenCrop ? 10 : cropsPerFace;
    }
}
