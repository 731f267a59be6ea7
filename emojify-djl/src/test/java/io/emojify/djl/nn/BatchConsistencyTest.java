package io.emojify.djl.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BatchConsistencyTest {

    /** Mean brightness of each crop: the same alone and in a batch. */
    private static float[][] consistent(float[][] crops) {
        float[][] out = new float[crops.length][1];
        for (int i = 0; i < crops.length; i++) {
            for (float v : crops[i]) {
                out[i][0] += v / crops[i].length;
            }
        }
        return out;
    }

    @Test
    void aNetworkThatTreatsEachFaceAloneHasNoDifference() {
        assertEquals(0, BatchConsistency.maxDifference(48, BatchConsistencyTest::consistent));
    }

    @Test
    void aNetworkWhoseOutputLeaksAcrossTheBatchIsCaughtWithItsSize() {
        // the fault seen in a native convolution: a face's output picks up another face's values in the batch
        double d = BatchConsistency.maxDifference(48, crops -> {
            float[][] out = consistent(crops);
            if (crops.length > 1) {
                out[1][0] += 0.25f;
            }
            return out;
        });
        assertEquals(0.25, d, 1e-6);
        assertTrue(d > BatchConsistency.TOLERANCE);
        String message = BatchConsistency.describe("PyTorch 2.7.1", d);
        assertTrue(message.startsWith("PyTorch 2.7.1 on this processor") && message.contains("0.250")
                && message.contains("ONEDNN_MAX_CPU_ISA=SSE41") && !message.contains("\n"), message);
    }

    @Test
    void aBatchThatFailsOrGivesNanIsInfinitelyWrongButAFaceAloneThatFailsIsTheNetworksError() {
        assertEquals(Double.POSITIVE_INFINITY, BatchConsistency.maxDifference(48, crops -> {
            if (crops.length > 1) {
                throw new IllegalArgumentException("Logits must be finite");
            }
            return consistent(crops);
        }));
        assertEquals(Double.POSITIVE_INFINITY, BatchConsistency.maxDifference(48, crops -> {
            float[][] out = consistent(crops);
            out[0][0] = crops.length > 1 ? Float.NaN : out[0][0];
            return out;
        }));
        IllegalStateException broken = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> BatchConsistency.maxDifference(48, crops -> {
                    throw new IllegalStateException("no weights");
                }));
        assertEquals("no weights", broken.getMessage());
    }

    @Test
    void theProbeFacesDifferFromEachOtherAndStayInRange() {
        float[][] probes = BatchConsistency.probes(40);
        assertEquals(BatchConsistency.PROBE_FACES, probes.length);
        for (int i = 0; i < probes.length; i++) {
            assertEquals(40 * 40, probes[i].length);
            for (float v : probes[i]) {
                assertTrue(v >= 0 && v <= 1, "value " + v);
            }
            for (int j = 0; j < i; j++) {
                assertTrue(consistent(new float[][] {probes[i]})[0][0] != consistent(new float[][] {probes[j]})[0][0]);
            }
        }
    }
}
