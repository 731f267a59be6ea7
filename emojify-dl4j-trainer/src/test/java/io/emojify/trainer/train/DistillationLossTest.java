package io.emojify.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.loss.Loss;
import org.junit.jupiter.api.Test;

class DistillationLossTest {

    private static final float[] STUDENT = {2f, 0.5f, -1f, 0f, 1f, 0.2f, -0.3f, /* second row */ -1f, 3f, 0f, 0.5f, 0f, 1f, 2f};
    private static final float[] TEACHER = {1f, 1f, 0f, -2f, 0.5f, 0f, 0f, /* second row */ 0f, 2f, 1f, -1f, 0f, 0f, 3f};
    private static final float[] LABELS = {0f, 6f};

    private static float evaluate(NDManager m, double weight, double temperature, float[] teacher) {
        NDArray s = m.create(STUDENT).reshape(2, 7);
        NDArray t = m.create(teacher).reshape(2, 7);
        NDArray y = m.create(LABELS);
        return new DistillationLoss(weight, temperature).evaluate(new NDList(y, t), new NDList(s)).getFloat();
    }

    @Test
    void weightZeroIsPlainCrossEntropy() {
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            float expected = Loss.softmaxCrossEntropyLoss().evaluate(new NDList(m.create(LABELS)),
                    new NDList(m.create(STUDENT).reshape(2, 7))).getFloat();
            assertEquals(expected, evaluate(m, 0, 4, TEACHER), 1e-6);
        }
    }

    @Test
    void theSoftTermIsTemperatureSquaredTimesTheKlDivergence() {
        double temperature = 3;
        double kl = 0;
        for (int row = 0; row < 2; row++) {
            double[] p = softmax(TEACHER, row, temperature);
            double[] q = softmax(STUDENT, row, temperature);
            for (int k = 0; k < 7; k++) {
                kl += p[k] * Math.log(p[k] / q[k]);
            }
        }
        double expected = temperature * temperature * kl / 2;
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            assertEquals(expected, evaluate(m, 1, temperature, TEACHER), 1e-5);
            assertEquals(0, evaluate(m, 1, temperature, STUDENT), 1e-6, "a student that matches its teacher loses nothing");
            float hard = evaluate(m, 0, temperature, TEACHER);
            assertEquals(0.25 * hard + 0.75 * expected, evaluate(m, 0.75, temperature, TEACHER), 1e-5);
        }
    }

    @Test
    void badSettingsAndLabelsAreRefusedWithTheValue() {
        IllegalArgumentException w = assertThrows(IllegalArgumentException.class, () -> new DistillationLoss(1.5, 4));
        assertTrue(w.getMessage().contains("1.5"), w.getMessage());
        IllegalArgumentException t = assertThrows(IllegalArgumentException.class, () -> new DistillationLoss(0.5, 0));
        assertTrue(t.getMessage().contains("temperature") && t.getMessage().contains("0.0"), t.getMessage());
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            DistillationLoss loss = new DistillationLoss(0.5, 4);
            NDArray s = m.create(STUDENT).reshape(2, 7);
            IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
                    () -> loss.evaluate(new NDList(m.create(LABELS)), new NDList(s)));
            assertTrue(one.getMessage().contains("teacherLogits"), one.getMessage());
            IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () -> loss.evaluate(
                    new NDList(m.create(LABELS), m.create(TEACHER).reshape(7, 2)), new NDList(s)));
            assertTrue(shape.getMessage().contains("(7, 2)"), shape.getMessage());
        }
    }

    private static double[] softmax(float[] logits, int row, double temperature) {
        double[] p = new double[7];
        double sum = 0;
        for (int k = 0; k < 7; k++) {
            p[k] = Math.exp(logits[row * 7 + k] / temperature);
            sum += p[k];
        }
        for (int k = 0; k < 7; k++) {
            p[k] /= sum;
        }
        return p;
    }
}
