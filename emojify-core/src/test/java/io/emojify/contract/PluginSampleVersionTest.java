package io.emojify.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The plug-in sample ({@code emojify-plugin-sample}, a project with its own POM that runs these contract tests) names
 * Emojify's version itself, as a user's project does; it must name this version, or a release would build it against an
 * old jar (or none). Read from the source tree: this module's POM and the sample's, beside it.
 */
class PluginSampleVersionTest {

    @Test
    void thePluginSampleBuildsAgainstThisVersion() throws Exception {
        String core = Files.readString(Path.of("pom.xml"));
        Path samplePom = Path.of("..", "emojify-plugin-sample", "pom.xml");
        assertTrue(Files.isRegularFile(samplePom), samplePom.toAbsolutePath() + " is missing");
        String sample = Files.readString(samplePom);
        String version = first(Pattern.compile("<parent>.*?<version>([^<]+)</version>.*?</parent>", Pattern.DOTALL),
                core);
        assertEquals(version, first(Pattern.compile("<emojify.version>([^<]+)</emojify.version>"), sample),
                samplePom + ": emojify.version");
    }

    private static String first(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertTrue(m.find(), "no match for " + pattern);
        return m.group(1);
    }
}
