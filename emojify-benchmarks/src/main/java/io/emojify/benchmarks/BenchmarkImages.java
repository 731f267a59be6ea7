package io.emojify.benchmarks;

import io.emojify.image.ImageDecoder;
import io.emojify.image.Images;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.nio.file.Paths;

/** The benchmark inputs: the shared photo of four people, scaled; the shared folder comes from {@code -Demojify.shared}. */
final class BenchmarkImages {

    private BenchmarkImages() {}

    static Path shared() {
        String s = System.getProperty("emojify.shared", "../shared");
        Path p = Paths.get(s).toAbsolutePath().normalize();
        if (System.getProperty("emojify.models") == null) {
            System.setProperty("emojify.models", p.resolve("models").toString());
        }
        return p;
    }

    /** The four smiling people (1024x484) letterboxed into a frame of the given size. */
    static BufferedImage fourPeople(int width, int height) {
        BufferedImage photo = new ImageDecoder().read(shared().resolve("data/faces/photos/2.jpg"));
        double scale = Math.min(width / (double) photo.getWidth(), height / (double) photo.getHeight());
        int w = (int) Math.round(photo.getWidth() * scale);
        int h = (int) Math.round(photo.getHeight() * scale);
        BufferedImage scaled = Images.scaled(photo, w, h, BufferedImage.TYPE_3BYTE_BGR);
        BufferedImage frame = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        frame.getGraphics().drawImage(scaled, (width - w) / 2, (height - h) / 2, null);
        return frame;
    }
}
