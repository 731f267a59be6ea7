package org.example.emojify;

import io.emojify.face.BoundingBox;
import io.emojify.face.Face;
import io.emojify.face.FaceDetectionException;
import io.emojify.face.FaceDetector;
import io.emojify.image.Images;
import java.awt.image.BufferedImage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A toy face detector of a user's own: every connected region of bright pixels (luma at least {@value #THRESHOLD}) that
 * is at least {@value #MIN_SIDE} pixels on each side and roughly face-shaped is a face, scored by how well it fills its
 * box. It finds the white ovals of a drawing, not faces in photos; it is here to show a plug-in meeting the contract.
 * Thread-safe: it keeps no state between calls.
 */
public final class BlobFaceDetector implements FaceDetector {

    static final int THRESHOLD = 200;
    static final int MIN_SIDE = 12;

    @Override
    public List<Face> detect(BufferedImage image) {
        if (image == null) {
            throw new FaceDetectionException("The image is null");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        float[] luma = Images.luma(image, 0, 0, w, h);
        boolean[] seen = new boolean[w * h];
        List<Face> faces = new ArrayList<>();
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int start = 0; start < luma.length; start++) {
            if (seen[start] || luma[start] < THRESHOLD) {
                continue;
            }
            int x0 = w;
            int y0 = h;
            int x1 = -1;
            int y1 = -1;
            int area = 0;
            seen[start] = true;
            queue.add(start);
            while (!queue.isEmpty()) {
                int p = queue.poll();
                int x = p % w;
                int y = p / w;
                area++;
                x0 = Math.min(x0, x);
                y0 = Math.min(y0, y);
                x1 = Math.max(x1, x);
                y1 = Math.max(y1, y);
                int[] next = {x > 0 ? p - 1 : -1, x < w - 1 ? p + 1 : -1, y > 0 ? p - w : -1, y < h - 1 ? p + w : -1};
                for (int q : next) {
                    if (q >= 0 && !seen[q] && luma[q] >= THRESHOLD) {
                        seen[q] = true;
                        queue.add(q);
                    }
                }
            }
            int bw = x1 - x0 + 1;
            int bh = y1 - y0 + 1;
            double aspect = bh / (double) bw;
            if (bw >= MIN_SIDE && bh >= MIN_SIDE && aspect >= 0.8 && aspect <= 1.8) {
                double fill = area / (double) (bw * bh); // an ellipse fills pi/4 of its box
                faces.add(new Face(new BoundingBox(x0, y0, bw, bh), Math.min(1.0, fill)));
            }
        }
        faces.sort(Comparator.comparingDouble(Face::score).reversed());
        return faces;
    }
}
