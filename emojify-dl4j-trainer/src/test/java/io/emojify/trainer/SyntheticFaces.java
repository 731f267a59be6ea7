package io.emojify.trainer;

import io.emojify.trainer.data.FaceSet;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small synthetic 48x48 data sets whose class is visible (a bright bar at a class-dependent row), for loop tests. */
final class SyntheticFaces {

    private static final List<String> CLASSES = List.of("angry", "disgust", "fear", "happy", "sad", "surprise",
            "neutral");

    private SyntheticFaces() {}

    /**
     * Writes faces as a FER-2013 folder: the same PNG files under {@code train/CLASS/} and {@code test/CLASS/}.
     *
     * @param faces the faces
     * @param data the folder to write
     * @return {@code data}
     */
    static Path writeFolder(FaceSet faces, Path data) throws IOException {
        for (Path split : List.of(data.resolve("train"), data.resolve("test"))) {
            for (int i = 0; i < faces.size(); i++) {
                Path f = split.resolve(CLASSES.get(faces.label(i))).resolve(faces.id(i) + ".png");
                Files.createDirectories(f.getParent());
                BufferedImage img = new BufferedImage(48, 48, BufferedImage.TYPE_BYTE_GRAY);
                img.getRaster().setDataElements(0, 0, 48, 48, faces.pixels(i));
                javax.imageio.ImageIO.write(img, "png", f.toFile());
            }
        }
        return data;
    }

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
