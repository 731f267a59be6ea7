package io.emojify.examples;

import io.emojify.AnnotatedFace;
import io.emojify.Emojify;
import io.emojify.image.ImageDecoder;
import java.io.File;

/**
 * Example: the same code on either inference engine. The engine is chosen by a setting, not by code:
 *
 * <pre>
 * java -Demojify.engine=PyTorch     -cp emojify-examples/target/emojify.jar io.emojify.examples.SwitchEngine in.jpg
 * java -Demojify.engine=OnnxRuntime -cp emojify-examples/target/emojify.jar io.emojify.examples.SwitchEngine in.jpg
 * </pre>
 */
public final class SwitchEngine {

    private SwitchEngine() {}

    /**
     * @param args the input photo
     */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: SwitchEngine IN_IMAGE   (choose the engine with -Demojify.engine=...)");
            System.exit(2);
        }
        try (Emojify emojify = Emojify.create()) {
            System.out.println("classifier: " + emojify.emotionClassifier().name());
            for (AnnotatedFace f : emojify.analyze(new ImageDecoder().read(new File(args[0]).toPath()))) {
                System.out.printf("%s %s %.3f%n", f.emoji().text(), f.emotion().label(),
                        f.scores().probability(f.emotion()));
            }
        }
    }
}
