package io.emojify.djl;

import io.emojify.Emojify;
import java.nio.file.Path;

/**
 * Run by {@link QuietByDefaultTest} in a child JVM: the README's snippet on one photo with a models folder, on the engine
 * and detector named by the arguments; prints the number of faces found on standard output.
 */
public final class QuietProbe {

    private QuietProbe() {}

    /**
     * Annotates one photo.
     *
     * @param args the models folder, the engine, the detector, the photo
     */
    public static void main(String[] args) {
        try (Emojify emojify = Emojify.builder().optModelsFolder(Path.of(args[0])).optEngine(args[1])
                .optDetector(args[2]).build()) {
            System.out.println("faces=" + emojify.process(Path.of(args[3])).faces().size());
        }
    }
}
