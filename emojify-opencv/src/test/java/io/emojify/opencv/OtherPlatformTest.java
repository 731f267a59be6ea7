package io.emojify.opencv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emojify.spi.ProviderException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Test;

/**
 * The cascade is looked up under the platform this JVM runs on, and a platform whose OpenCV artifact is absent gets a
 * {@link ProviderException} naming the artifacts (so other backends go on), never a crash. The second case runs in a
 * child JVM told by JavaCPP's own property that it is on macOS (whose natives are not on this class path).
 */
class OtherPlatformTest {

    @Test
    void theCascadeIsLookedUpUnderThisPlatform() {
        String resource = HaarCascadeFaceDetector.cascadeResource();
        assertTrue(resource.startsWith("/org/bytedeco/opencv/" + Loader.getPlatform() + "/"), resource);
        assertTrue(HaarCascadeFaceDetector.class.getResource(resource) != null, resource);
    }

    @Test
    void aPlatformWithoutItsArtifactIsAnsweredByName() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path output = Files.createTempFile("other-platform", ".out");
        String out;
        Process p;
        try {
            p = new ProcessBuilder(List.of(java.toString(), "-Dorg.bytedeco.javacpp.platform=macosx-arm64",
                    "-cp", System.getProperty("java.class.path"), OtherPlatformProbe.class.getName()))
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("the child JVM did not finish in 60 s");
            }
            out = Files.readString(output, StandardCharsets.UTF_8).trim();
        } finally {
            Files.deleteIfExists(output);
        }
        String last = out.substring(out.lastIndexOf('\n') + 1);
        assertEquals(0, p.exitValue(), out);
        assertEquals(ProviderException.class.getName() + ": OpenCV's native library for macosx-arm64 is not on the class"
                + " path (no /org/bytedeco/opencv/macosx-arm64/share/opencv4/haarcascades/"
                + "haarcascade_frontalface_default.xml): add org.bytedeco:opencv, org.bytedeco:openblas and"
                + " org.bytedeco:javacpp with the classifier macosx-arm64", last);
    }
}
