package io.emojify.cli;

import io.emojify.AnnotatedFace;
import io.emojify.Emojify;
import io.emojify.EmojifyException;
import io.emojify.batch.BatchAnnotator;
import io.emojify.batch.BatchException;
import io.emojify.batch.BatchJob;
import io.emojify.batch.BatchListener;
import io.emojify.batch.BatchPlan;
import io.emojify.batch.BatchResult;
import io.emojify.batch.Refusal;
import io.emojify.djl.Engines;
import io.emojify.djl.face.DetectorSettings;
import io.emojify.emoji.EmojiPack;
import io.emojify.render.RenderMode;
import io.emojify.server.FaceJson;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code emojify annotate FILE_OR_DIR... [-o OUT] [--overwrite] [--json] [--mode replace|badge|boxes]
 * [--detector yunet|ultraface] [--min-score S] [--max-side PX] [--whole-face] [--engine PyTorch|OnnxRuntime]
 * [--emoji-dir DIR] [--verbose]}: writes the emojified images; folders are walked.
 *
 * <p>The command parses its arguments, builds the pipeline and prints; {@link BatchAnnotator} does the work. Each image
 * is written as {@code <name>-<extension>-emojified.png} ({@code a.jpg} gives {@code a-jpg-emojified.png},
 * so that {@code a.jpg} and {@code a.png} give two results), at its path relative to the folder named on the command line
 * ({@code d1/x.jpg} gives {@code OUT/d1/x-jpg-emojified.png}). Before any work: two inputs that would give the same
 * result, an existing result without {@code --overwrite}, and a result that would be an input of the run are refused with
 * exit code 2, naming the files. File names are handled as bytes, so a name the locale cannot spell (say {@code LANG=C})
 * is still read and written.
 *
 * <p>Every problem is one line on standard error naming the file and the reason (with {@code --verbose}, its stack trace
 * as well), and the run goes on: a file that cannot be decoded or is too large for the memory available, a sub-folder that
 * cannot be listed, a folder without images. The exit code is then 1. Writing stops at the first result that cannot be
 * written (a full disk, a read-only folder): the next ones would fail the same way.
 */
@Command(name = "annotate", mixinStandardHelpOptions = true,
        description = {"Emojify photos; folders are walked (earlier results, *-emojified.png, are left out).",
            "Each image is written as NAME-EXT-emojified.png (a.jpg -> a-jpg-emojified.png) into the output folder, at "
                    + "its path below the folder given (d1/x.jpg -> OUT/d1/x-jpg-emojified.png).",
            "Existing results are not replaced unless --overwrite is given; an input is never written over; two inputs "
                    + "that would give the same result are refused before any work.",
            "A file or folder that cannot be read is reported on one line and the rest are done.",
            "Exit codes: 0 all done, 1 some input or output failed, 2 bad arguments or refused outputs."})
final class AnnotateCommand implements Callable<Integer> {

    /** The most refusals of one kind printed before "... and N more". */
    private static final int SHOWN = 5;

    @Parameters(arity = "1..*", paramLabel = "FILE_OR_DIR", description = "Images or folders of images")
    List<String> inputs;

    @Option(names = {"-o", "--out"}, description = "Output folder (default: emojified)")
    Path out = Path.of("emojified");

    @Option(names = "--overwrite", description = "Replace results that exist in the output folder (never an input)")
    boolean overwrite;

    @Option(names = "--json", description = "Print one JSON object per image on standard output")
    boolean json;

    @Option(names = "--no-images", description = "Do not write images (with --json: analysis only)")
    boolean noImages;

    @Mixin
    RenderModeOption mode = new RenderModeOption();
    @Mixin
    DetectionOptions detection = new DetectionOptions();
    @Mixin
    EmotionModelOption emotionModel = new EmotionModelOption();

    @Option(names = "--engine", description = "PyTorch or OnnxRuntime (default: OnnxRuntime if present)")
    String engine;

    @Option(names = "--emoji-dir", description = "A folder of emoji PNGs named by code point (Twemoji, Noto, OpenMoji)")
    Path emojiDir;

    @Option(names = "--verbose", description = "Print the stack trace of each failure as well")
    boolean verbose;

    /** Problems told so far (each printed on its line of standard error). */
    private int problems;
    /** Whether the progress bar is on the current line of standard error. */
    private boolean bar;

    private void fail(String line, Throwable cause) {
        problems++;
        if (bar) {
            System.err.println(); // end the progress line first
            bar = false;
        }
        System.err.println("emojify: " + line);
        if (verbose && cause != null) {
            cause.printStackTrace(System.err);
        }
    }

    @Override
    public Integer call() {
        RenderMode renderMode = mode.parseOrPrint();
        if (renderMode == null) {
            return 2;
        }
        if (engine != null) {
            try {
                engine = Engines.require(engine);
            } catch (EmojifyException e) {
                System.err.println("emojify: --engine " + engine + ": " + e.getMessage());
                return 2;
            }
        }
        DetectionOptions.Chosen faceDetector = detection.openOrPrint(DetectorSettings.PHOTO);
        if (faceDetector == null) {
            return 2;
        }
        BatchAnnotator.Builder batch = BatchAnnotator.builder().optOverwrite(overwrite).optListener(new Printer());
        if (!noImages) {
            batch.optOutputFolder(out);
        }
        BatchAnnotator annotator = batch.build();
        try (faceDetector) {
            annotator.prepareOutputFolder();
            return run(annotator, renderMode, faceDetector);
        } catch (BatchException e) {
            System.err.println("emojify: -o " + e.getMessage());
            return e.reason() == BatchException.Reason.NOT_A_FOLDER ? 2 : 1;
        }
    }

    private Integer run(BatchAnnotator annotator, RenderMode renderMode, DetectionOptions.Chosen faceDetector) {
        List<Path> paths = new ArrayList<>();
        for (String arg : inputs) {
            Path in = toPath(arg);
            if (in == null) {
                fail(arg + ": the name cannot be spelled in this locale's character encoding ("
                        + System.getProperty("sun.jnu.encoding") + "); run with a UTF-8 locale such as LANG=C.UTF-8",
                        null);
            } else {
                paths.add(in);
            }
        }
        BatchPlan plan = annotator.plan(paths);
        if (plan.refused()) {
            printRefusals(plan.refusals());
            return 2;
        }
        if (plan.jobs().isEmpty()) {
            return 1; // each input has been reported on its line
        }
        if (engine != null) {
            System.setProperty(Engines.ENGINE_PROPERTY, engine);
        }
        Emojify.Builder builder = faceDetector.applyTo(emotionModel.apply(Emojify.builder().optRenderMode(renderMode)));
        if (emojiDir != null) {
            try {
                EmojiPack pack = EmojiPack.load(emojiDir);
                pack.attribution().ifPresent(a -> System.err.println("Emoji art: " + a));
                builder.optEmojiMapper(pack);
            } catch (EmojifyException e) {
                System.err.println("emojify: --emoji-dir " + emojiDir + ": " + e.getMessage());
                return 2;
            }
        }
        BatchResult result;
        try (Emojify emojify = builder.build()) {
            result = annotator.run(plan, emojify);
        }
        if (problems > 0) {
            System.err.println("emojify: " + result.done() + " of " + result.total() + " images done; " + problems
                    + (problems == 1 ? " problem" : " problems") + " reported above");
            return 1;
        }
        return 0;
    }

    /** Prints the refusals, at most {@link #SHOWN} of each kind. */
    private static void printRefusals(List<Refusal> refusals) {
        for (Refusal.Kind kind : Refusal.Kind.values()) {
            List<String> lines = refusals.stream().filter(r -> r.kind() == kind).map(Refusal::message).toList();
            for (int i = 0; i < lines.size() && i < SHOWN; i++) {
                System.err.println("emojify: " + lines.get(i));
            }
            if (lines.size() > SHOWN) {
                System.err.println("emojify: ... and " + (lines.size() - SHOWN) + " more like it");
            }
        }
        System.err.println("emojify: nothing was done");
    }

    /** Prints what the batch tells: problems on standard error, JSON on standard output, the progress bar. */
    private final class Printer implements BatchListener {
        @Override
        public void problem(String message, Throwable cause) {
            fail(message, cause);
        }

        @Override
        public void done(BatchJob job, BufferedImage image, List<AnnotatedFace> faces) {
            if (json) {
                System.out.println(FaceJson.toJson(FaceJson.image(job.input().toString(), image.getWidth(),
                        image.getHeight(), faces)));
            }
        }

        @Override
        public void progress(int finished, int total) {
            if (total > 1) {
                bar = AnnotateCommand.progress(finished, total);
            }
        }
    }

    /**
     * A command-line argument as a path. Where the locale's encoding cannot spell a name (non-ASCII letters under
     * {@code LANG=C}), the launcher has replaced those bytes; each such component is then found by listing its folder for
     * the one entry that reads the same, which gives its real bytes.
     *
     * @return the path, or null when a component cannot be found that way
     */
    static Path toPath(String arg) {
        try {
            return Path.of(arg);
        } catch (InvalidPathException e) {
            Path current = arg.startsWith("/") ? Path.of("/") : Path.of("");
            for (String part : arg.split("/")) {
                if (part.isEmpty()) {
                    continue;
                }
                try {
                    current = current.resolve(part);
                    continue;
                } catch (InvalidPathException unspellable) {
                    // found by listing below
                }
                Path folder = current;
                try (Stream<Path> list = Files.list(folder.toString().isEmpty() ? Path.of(".") : folder)) {
                    List<Path> same = list.filter(p -> p.getFileName().toString().equals(part)).toList();
                    if (same.size() != 1) {
                        return null;
                    }
                    current = folder.resolve(same.get(0).getFileName());
                } catch (IOException | RuntimeException listing) {
                    return null;
                }
            }
            return current;
        }
    }

    /** Draws the progress bar; returns true (a bar is on the line). */
    private static boolean progress(int done, int total) {
        int width = 30;
        int filled = done * width / total;
        System.err.print("\r[" + "=".repeat(filled) + " ".repeat(width - filled) + "] " + done + "/" + total);
        if (done == total) {
            System.err.println();
            return false;
        }
        return true;
    }
}
