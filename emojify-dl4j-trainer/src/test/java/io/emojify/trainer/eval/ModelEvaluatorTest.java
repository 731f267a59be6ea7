package io.emojify.trainer.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModelEvaluatorTest {

    @Test
    void theMeanOfMembersIsTakenFaceByFaceAndClassByClass() {
        float[][] a = {{0.5f, 0.5f, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0, 1}};
        float[][] b = {{0.25f, 0.25f, 0.5f, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 1, 0}};
        float[][] mean = ModelEvaluator.mean(List.of(a, b));
        assertArrayEquals(new float[] {0.375f, 0.375f, 0.25f, 0, 0, 0, 0}, mean[0]);
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0.5f, 0.5f}, mean[1]);
    }
}
