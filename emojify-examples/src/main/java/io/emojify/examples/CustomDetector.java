package io.emojify.examples;

import io.emojify.Annotation;
import io.emojify.Emojify;
import io.emojify.face.BoundingBox;
import io.emojify.face.Face;
import io.emojify.face.FaceDetector;
import io.emojify.image.ImageDecoder;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Example: plug in your own face detector. This one says the face is the centre square of the image (say, a passport
 * photo booth that already frames the face); the emotion model and the emoji come from the defaults.
 *
 * <pre>java -cp emojify-examples/target/emojify.jar io.emojify.examples.CustomDetector in.jpg out.png</pre>
 */
public final class CustomDetector {

    private CustomDetector() {}

    /** A detector that returns the centre square of the image. Thread-safe: it has no state. */
    public static final class CentreSquareDetector implements FaceDetector {
        @Override
        public List<Face> detect(BufferedImage image) {
            if (image == null) {
                throw new io.emojify.face.FaceDetectionException("The image is null");
            }
            double side = Math.min(image.getWidth(), image.getHeight()) * 0.6;
            return List.of(new Face(new BoundingBox((image.getWidth() - side) / 2, (image.getHeight() - side) / 2,
                    side, side), 1.0));
        }
    }

    /**
     * @param args the input photo and the output PNG
     * @throws IOException if the output cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: CustomDetector IN_IMAGE OUT_PNG");
            System.exit(2);
        }
        try (Emojify emojify = Emojify.builder().optFaceDetector(new CentreSquareDetector()).build()) {
            Annotation result = emojify.process(new ImageDecoder().read(new File(args[0]).toPath()));
            ImageIO.write(result.image(), "png", new File(args[1]));
            System.out.println(result.faces().get(0).emotion().label() + " " + result.faces().get(0).emoji().text());
        }
    }
}
