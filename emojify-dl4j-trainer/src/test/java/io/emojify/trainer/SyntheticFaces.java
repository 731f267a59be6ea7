package io.emojify.trainer;

import io.emojify.trainer.data.FaceSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small synthetic 48x48 data sets whose class is visible (a bright bar at a class-dependent row), for loop tests. */
final class SyntheticFaces {

    private SyntheticFaces() {}

    static FaceSet make(int perClass, long seed) {
        Random rnd = new Random(seed);
        List<byte[]> pixels = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        int[] labels = new int[perClass * 7];
        int k = 0;
        for (int c = 0; c < 7; c++) {
            for (int i = 0; i < perClass; i++) {
                byte[] p = new byte[48 * 48];
                for (int j = 0; j < p.length; j++) {
                    p[j] = (byte) (40 + rnd.nextInt(60));
                }
                int row = 4 + c * 6;
                for (int y = row; y < row + 4; y++) {
                    for (int x = 6; x < 42; x++) {
                        p[y * 48 + x] = (byte) 230;
                    }
                }
                pixels.add(p);
                ids.add("c" + c + "_" + i);
                labels[k++] = c;
            }
        }
        return new FaceSet(pixels, labels, ids);
    }
}
