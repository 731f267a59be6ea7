package io.emojify.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * Hinton et al.'s knowledge-distillation loss: {@code (1 - w) * CE(label, student) + w * T^2 * KL(softmax(teacher / T) ||
 * softmax(student / T))}. The soft term is 0 when the student's softened probabilities equal the teacher's; {@code T^2}
 * keeps its gradients on the scale of the hard term's.
 *
 * <p>{@link #evaluate} takes the labels as {@code (classIndex, teacherLogits)} and the predictions as
 * {@code (studentLogits)}.
 */
public final class DistillationLoss extends Loss {

    private final Loss crossEntropy = Loss.softmaxCrossEntropyLoss();
    private final float weight;
    private final float temperature;

    /**
     * Creates the loss.
     *
     * @param weight the soft term's weight {@code w}, 0 to 1 (0: plain cross-entropy)
     * @param temperature the softening temperature {@code T}, above 0
     * @throws IllegalArgumentException if a value is out of range
     */
    public DistillationLoss(double weight, double temperature) {
        super("DistillationLoss");
        if (!(weight >= 0 && weight <= 1)) {
            throw new IllegalArgumentException("The distillation weight must be 0 to 1, was " + weight);
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("The distillation temperature must be above 0, was " + temperature);
        }
        this.weight = (float) weight;
        this.temperature = (float) temperature;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        if (labels.size() != 2) {
            throw new IllegalArgumentException("DistillationLoss takes (classIndex, teacherLogits) as labels; got "
                    + labels.size() + " arrays");
        }
        NDArray student = predictions.singletonOrThrow();
        NDArray classes = labels.get(0);
        NDArray teacher = labels.get(1);
        if (!teacher.getShape().equals(student.getShape())) {
            throw new IllegalArgumentException("Teacher logits " + teacher.getShape() + " and student logits "
                    + student.getShape() + " differ in shape");
        }
        NDArray hard = crossEntropy.evaluate(new NDList(classes), predictions);
        NDArray teacherLog = teacher.div(temperature).logSoftmax(1);
        NDArray studentLog = student.div(temperature).logSoftmax(1);
        NDArray soft = teacherLog.exp().mul(teacherLog.sub(studentLog)).sum(new int[] {1}).mean()
                .mul(temperature * temperature);
        return hard.mul(1 - weight).add(soft.mul(weight));
    }
}
