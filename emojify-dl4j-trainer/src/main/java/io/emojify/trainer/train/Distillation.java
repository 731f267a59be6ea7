package io.emojify.trainer.train;

import ai.djl.ndarray.NDManager;
import ai.djl.training.loss.Loss;
import io.emojify.trainer.data.FaceSet;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Knowledge distillation's set-up: the run's teacher (an exported model folder, or the soft targets that {@code teach}
 * wrote for these training faces) and the loss that mixes its softened outputs with the labels.
 */
final class Distillation {

    private static final Logger LOG = LoggerFactory.getLogger(Distillation.class);

    private Distillation() {}

    /**
     * Opens the run's teacher, if it has one, and checks that it is the teacher the run started with (recording its
     * checksum when the run starts).
     *
     * @param cfg the run's settings
     * @param manager the manager a model teacher lives in
     * @param side the student's input side
     * @param train the training faces (a soft-targets file must be for them)
     * @return the teacher, or {@code null} (try-with-resources accepts it)
     * @throws IOException if the teacher cannot be read, does not fit or has changed
     */
    static Teacher openTeacher(TrainingConfig cfg, NDManager manager, int side, FaceSet train) throws IOException {
        if (cfg.teacher == null) {
            return null;
        }
        Path path = Path.of(cfg.teacher);
        Teacher teacher;
        if (SoftTargets.isSoftTargets(path)) {
            SoftTargets targets = SoftTargets.read(path);
            targets.requireFor(train);
            teacher = targets;
        } else {
            teacher = ModelTeacher.open(path, manager, side);
        }
        String checksum = teacher.checksum();
        if (cfg.teacherChecksum != null && !cfg.teacherChecksum.equals(checksum)) {
            teacher.close();
            throw new IOException("The teacher " + cfg.teacher + " has changed since the run started: it has "
                    + "SHA-256 " + checksum + ", the checkpoint recorded " + cfg.teacherChecksum);
        }
        cfg.teacherChecksum = checksum;
        LOG.info("Distilling from {} at {} (weight {}, temperature {})", teacher, cfg.teacher, cfg.distillationWeight,
                cfg.distillationTemperature);
        return teacher;
    }

    /**
     * The loss of a run: cross-entropy with the labels, or with a teacher {@link DistillationLoss}.
     *
     * @param cfg the run's settings
     * @param teacher the teacher, or {@code null}
     * @return the loss
     */
    static Loss loss(TrainingConfig cfg, Teacher teacher) {
        return teacher == null ? Loss.softmaxCrossEntropyLoss()
                : new DistillationLoss(cfg.distillationWeight, cfg.distillationTemperature);
    }
}
