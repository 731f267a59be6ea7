package io.emojify.cli;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/** The checks a command makes on a file it will write, before it opens anything, with their one-line messages. */
final class OutputChecks {

    private OutputChecks() {}

    /**
     * Checks that an output can be written: it is not a folder, neither it nor a file written beside it exists (unless
     * overwriting), and its folder exists and is writable. Prints the reason when not.
     *
     * @param out the output file
     * @param written every file the command will write (the output and any beside it)
     * @param overwrite whether existing files are replaced
     * @param example a file name to suggest when {@code out} is a folder
     * @return 0 if it can be written, else the exit code: 2 for a refusal, 1 for a folder that cannot be written
     */
    static int check(Path out, List<Path> written, boolean overwrite, String example) {
        if (Files.isDirectory(out)) {
            System.err.println("emojify: " + out + " is a folder; give a file name such as " + out.resolve(example));
            return 2;
        }
        if (!overwrite) {
            for (Path p : written) {
                if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                    System.err.println("emojify: " + p + " exists; add --overwrite to replace it");
                    return 2;
                }
            }
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent) || !Files.isWritable(parent)) {
            System.err.println("emojify: cannot write " + out + ": its folder does not exist or is not writable");
            return 1;
        }
        return 0;
    }
}
