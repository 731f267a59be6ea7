package io.emojify.djl.face;

import io.emojify.face.Face;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Greedy non-maximum suppression over faces. */
final class NonMaximumSuppression {

    private NonMaximumSuppression() {}

    /**
     * Keeps the most confident faces and drops those that overlap a kept one by more than the threshold.
     *
     * @param faces the candidates
     * @param iouThreshold the overlap limit
     * @param max the most to keep
     * @return the kept faces, most confident first
     */
    static List<Face> apply(List<Face> faces, double iouThreshold, int max) {
        List<Face> sorted = new ArrayList<>(faces);
        sorted.sort(Comparator.comparingDouble(Face::score).reversed());
        List<Face> kept = new ArrayList<>();
        for (Face f : sorted) {
            boolean keep = true;
            for (Face k : kept) {
                if (f.box().iou(k.box()) > iouThreshold) {
                    keep = false;
                    break;
                }
            }
            if (keep) {
                kept.add(f);
                if (kept.size() >= max) {
                    break;
                }
            }
        }
        return kept;
    }
}
