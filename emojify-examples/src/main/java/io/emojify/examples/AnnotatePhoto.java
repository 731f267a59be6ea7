package io.emojify.examples;

import io.emojify.AnnotatedFace;
import io.emojify.Annotation;
import io.emojify.Emojify;
import io.emojify.image.ImageDecoder;
import java.io.File;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * Example: annotate one photo with the defaults and write the result.
 *
 * <pre>java -cp emojify-examples/target/emojify.jar io.emojify.examples.AnnotatePhoto in.jpg out.png</pre>
 */
public final class AnnotatePhoto {

    private AnnotatePhoto() {}

    /**
     * @param args the input photo and the output PNG
     * @throws IOException if the output cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: AnnotatePhoto IN_IMAGE OUT_PNG");
            System.exit(2);
        }
        try (Emojify emojify = Emojify.create()) {
            Annotation result = emojify.process(new ImageDecoder().read(new File(args[0]).toPath()));
            ImageIO.write(result.image(), "png", new File(args[1]));
            for (AnnotatedFace f : result.faces()) {
                System.out.printf("%s %s at %s%n", f.emoji().text(), f.emotion().label(), f.face().box());
            }
        }
    }
}
