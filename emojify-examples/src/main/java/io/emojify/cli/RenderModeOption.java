package io.emojify.cli;

import io.emojify.render.RenderMode;
import java.util.Locale;
import picocli.CommandLine.Option;

/** {@code --mode replace|badge|boxes}: how the emoji are drawn, shared by the commands that draw them. */
final class RenderModeOption {

    @Option(names = "--mode", defaultValue = "replace", description = "replace, badge or boxes")
    String mode;

    /**
     * The mode named, or the reason it is unknown printed.
     *
     * @return the mode; null after printing that it is unknown (the command exits with code 2)
     */
    RenderMode parseOrPrint() {
        try {
            return RenderMode.valueOf(mode.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            System.err.println("emojify: unknown --mode '" + mode + "'; use replace, badge or boxes");
            return null;
        }
    }
}
