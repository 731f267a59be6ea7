package io.emojify.cli;

import io.emojify.Annotation;
import io.emojify.Emojify;
import io.emojify.EmojifyException;
import io.emojify.djl.Engines;
import io.emojify.djl.face.DetectorSettings;
import io.emojify.emoji.EmojiPack;
import io.emojify.face.FaceDetector;
import io.emojify.image.ImageDecoder;
import io.emojify.image.ImageDecodingException;
import io.emojify.render.RenderMode;
import io.emojify.server.FaceJson;
import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code emojify annotate FILE_OR_DIR... [-o OUT] [--overwrite] [--json] [--mode replace|badge|boxes]
 * [--detector yunet|ultraface] [--min-score S] [--max-side PX] [--whole-face] [--engine PyTorch|OnnxRuntime]
 * [--emoji-dir DIR] [--verbose]}: writes the emojified images; folders are walked.
 *
 * <p>Each image is written as {@code <name>-<extension>-emojified.png} ({@code a.jpg} gives {@code a-jpg-emojified.png},
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

    private static final List<String> EXTENSIONS = List.of(".jpg", ".jpeg", ".png", ".gif", ".bmp", ".webp");
    /** What every result's name ends with. */
    static final String SUFFIX = "-emojified.png";
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

    @Option(names = "--mode", defaultValue = "replace", description = "replace, badge or boxes")
    String mode;

    @Mixin
    DetectionOptions detection = new DetectionOptions();

    @Option(names = "--engine", description = "PyTorch or OnnxRuntime (default: OnnxRuntime if present)")
    String engine;

    @Option(names = "--emoji-dir", description = "A folder of emoji PNGs named by code point (Twemoji, Noto, OpenMoji)")
    Path emojiDir;

    @Option(names = "--verbose", description = "Print the stack trace of each failure as well")
    boolean verbose;

    /** One image to do, and where its result goes (null with --no-images). */
    private record Job(Path file, Path target) {}

    /** A result that could not be written: the output folder is the problem, so the run stops. */
    private static final class OutputFailure extends IOException {
        private static final long serialVersionUID = 1L;

        OutputFailure(Path target, IOException cause) {
            super("cannot write " + target + ": " + EmojifyCommand.describe(cause), cause);
        }
    }

    private final List<String> failures = new ArrayList<>();
    /** Whether the progress bar is on the current line of standard error. */
    private boolean bar;

    private void fail(String line, Throwable cause) {
        failures.add(line);
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
    public Integer call() throws IOException {
        RenderMode renderMode;
        try {
            renderMode = RenderMode.valueOf(mode.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            System.err.println("emojify: unknown --mode '" + mode + "'; use replace, badge or boxes");
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
        FaceDetector faceDetector;
        try {
            faceDetector = detection.open(DetectorSettings.PHOTO);
        } catch (IllegalArgumentException | EmojifyException e) {
            System.err.println("emojify: " + e.getMessage());
            return 2;
        }
        try (FaceDetector closeDetector = faceDetector) {
            Integer refused = noImages ? null : checkOutputFolder();
            return refused != null ? refused : run(renderMode, faceDetector);
        }
    }

    private Integer run(RenderMode renderMode, FaceDetector faceDetector) {
        List<Job> jobs = plan();
        if (jobs == null) {
            return 2;
        }
        if (jobs.isEmpty()) {
            return 1; // each input has been reported on its line
        }
        if (engine != null) {
            System.setProperty(Engines.ENGINE_PROPERTY, engine);
        }
        Emojify.Builder builder = Emojify.builder().optRenderMode(renderMode);
        if (faceDetector != null) {
            builder.optFaceDetector(faceDetector);
        }
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
        ImageDecoder decoder = new ImageDecoder();
        int done = 0;
        int written = 0;
        try (Emojify emojify = builder.build()) {
            for (Job job : jobs) {
                try {
                    annotate(job, emojify, decoder);
                    written++;
                } catch (ImageDecodingException e) {
                    fail("skipped " + e.getMessage(), e); // its message names the file
                } catch (OutputFailure e) {
                    fail(e.getMessage() + "; stopped (" + written + " of " + jobs.size() + " results written)", e);
                    break;
                } catch (IOException | RuntimeException e) {
                    fail("skipped " + job.file() + ": " + EmojifyCommand.describe(e), e);
                } catch (OutOfMemoryError e) {
                    // the image and everything made from it were local to annotate(): they are garbage now
                    fail("skipped " + job.file() + ": too large for the memory available (the Java heap is limited to "
                            + (Runtime.getRuntime().maxMemory() >> 20) + " MB: give more with -Xmx)", e);
                }
                done++;
                if (jobs.size() > 1) {
                    bar = progress(done, jobs.size());
                }
            }
        }
        if (!failures.isEmpty()) {
            System.err.println("emojify: " + written + " of " + jobs.size() + " images done; " + failures.size()
                    + (failures.size() == 1 ? " problem" : " problems") + " reported above");
            return 1;
        }
        return 0;
    }

    /** Checks -o before any work; returns the exit code when it cannot be used, else null. */
    private Integer checkOutputFolder() {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            System.err.println("emojify: -o " + out + ": exists and is not a folder");
            return 2;
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            System.err.println("emojify: -o " + out + ": cannot create the folder: " + EmojifyCommand.describe(e));
            return 1;
        }
        if (!Files.isWritable(out)) {
            System.err.println("emojify: -o " + out + ": cannot write into the folder (permission denied or read-only)");
            return 1;
        }
        return null;
    }

    /**
     * Lists the inputs and where each result goes, reporting what cannot be listed, and refuses (null) when two inputs
     * would give the same result, a result exists without --overwrite, or a result would be an input.
     */
    private List<Job> plan() {
        Map<Path, Job> byInput = new LinkedHashMap<>();
        for (String arg : inputs) {
            Path in = toPath(arg);
            if (in == null) {
                fail(arg + ": the name cannot be spelled in this locale's character encoding ("
                        + System.getProperty("sun.jnu.encoding") + "); run with a UTF-8 locale such as LANG=C.UTF-8",
                        null);
            } else if (Files.isDirectory(in)) {
                List<Path> found = walk(in);
                Path start = in;
                try {
                    start = Files.isSymbolicLink(in) ? in.toRealPath() : in;
                } catch (IOException e) {
                    // walk() has reported it
                }
                for (Path f : found) {
                    Path rel = start.relativize(f);
                    Path folder = rel.getParent() == null ? out : out.resolve(rel.getParent());
                    byInput.putIfAbsent(key(f), new Job(f, noImages ? null : folder.resolve(resultName(f))));
                }
            } else if (Files.isRegularFile(in)) {
                byInput.putIfAbsent(key(in), new Job(in, noImages ? null : out.resolve(resultName(in))));
            } else if (Files.exists(in, LinkOption.NOFOLLOW_LINKS)) {
                fail(in + ": not a file or folder", null);
            } else {
                fail(in + ": no such file or folder", null);
            }
        }
        List<Job> jobs = new ArrayList<>(byInput.values());
        if (noImages) {
            return jobs;
        }
        List<String> collisions = new ArrayList<>();
        List<String> overInputs = new ArrayList<>();
        List<String> existing = new ArrayList<>();
        Map<Path, Job> byTarget = new HashMap<>();
        for (Job job : jobs) {
            Path target = key(job.target());
            Job other = byTarget.putIfAbsent(target, job);
            if (other != null) {
                collisions.add(other.file() + " and " + job.file() + " would both be written to " + job.target()
                        + "; emojify them in separate runs or into separate -o folders");
            }
            if (byInput.containsKey(target)) {
                overInputs.add(job.target() + " (the result of " + job.file() + ") is an input of this run and is never "
                        + "written over; choose another -o folder");
            } else if (!overwrite && Files.exists(job.target(), LinkOption.NOFOLLOW_LINKS)) {
                existing.add(job.target() + " exists (the result of " + job.file() + "); add --overwrite to replace it");
            }
        }
        boolean refused = false;
        for (List<String> kind : List.of(collisions, overInputs, existing)) {
            for (int i = 0; i < kind.size() && i < SHOWN; i++) {
                System.err.println("emojify: " + kind.get(i));
            }
            if (kind.size() > SHOWN) {
                System.err.println("emojify: ... and " + (kind.size() - SHOWN) + " more like it");
            }
            refused |= !kind.isEmpty();
        }
        if (refused) {
            System.err.println("emojify: nothing was done");
            return null;
        }
        return jobs;
    }

    /** The images in a folder and its sub-folders, sorted; a sub-folder that cannot be listed is reported and skipped. */
    private List<Path> walk(Path root) {
        List<Path> found = new ArrayList<>();
        int[] earlier = {0};
        boolean[] unlistable = {false};
        try {
            // a folder given as a symbolic link is walked where it points (links inside are not followed)
            Path start = Files.isSymbolicLink(root) ? root.toRealPath() : root;
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    boolean regular = attrs.isRegularFile() || attrs.isSymbolicLink() && Files.isRegularFile(file);
                    if (regular && isImageName(file)) {
                        if (file.getFileName().toString().endsWith(SUFFIX)) {
                            earlier[0]++;
                        } else {
                            found.add(file);
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    unlistable[0] |= file.equals(start);
                    fail("cannot list " + file + ": " + EmojifyCommand.describeReason(e) + "; its images are skipped", e);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                    if (e != null) {
                        unlistable[0] |= dir.equals(start);
                        fail("cannot list all of " + dir + ": " + EmojifyCommand.describeReason(e)
                                + "; the rest of it is skipped", e);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            unlistable[0] = true;
            fail("cannot list " + root + ": " + EmojifyCommand.describe(e), e);
        }
        if (found.isEmpty() && !unlistable[0]) {
            fail(root + ": no supported image in it (looked for " + String.join(", ", EXTENSIONS) + ")"
                    + (earlier[0] > 0 ? "; " + earlier[0] + " earlier results (*" + SUFFIX + ") left out" : ""), null);
        }
        found.sort(null);
        return found;
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

    private static Path key(Path p) {
        return p.toAbsolutePath().normalize();
    }

    private static boolean isImageName(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(n::endsWith);
    }

    /**
     * The name of an image's result: {@code a.jpg} gives {@code a-jpg-emojified.png}. Built from the name's bytes (through
     * its URI), so that a name the locale's encoding cannot spell is kept as it is.
     */
    static Path resultName(Path file) {
        String raw = file.toAbsolutePath().toUri().getRawPath();
        String name = raw.substring(raw.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        String result = (dot > 0 ? name.substring(0, dot) + "-" + name.substring(dot + 1) : name) + SUFFIX;
        return Path.of(URI.create("file:///" + result)).getFileName();
    }

    private void annotate(Job job, Emojify emojify, ImageDecoder decoder) throws IOException {
        BufferedImage image = decoder.read(job.file());
        Annotation a = noImages ? new Annotation(emojify.analyze(image), image) : emojify.process(image);
        if (!noImages) {
            write(a.image(), job.target());
        }
        if (json) {
            System.out.println(FaceJson.toJson(FaceJson.image(job.file().toString(), image.getWidth(), image.getHeight(),
                    a.faces())));
        }
    }

    /**
     * Writes a result through a temporary file in its folder, then puts it in place: replacing an existing file only with
     * --overwrite (an atomic move), else as a hard link, which fails if the name was taken meanwhile.
     */
    private void write(BufferedImage image, Path target) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new IOException("cannot create the folder " + folder + " for " + target.getFileName()
                    + ": a file has its name");
        }
        Path tmp = folder.resolve(".emojify-" + UUID.randomUUID() + ".part");
        try {
            Files.createDirectories(folder);
            // A plain new file, not createTempFile: that would leave the image readable by its owner only.
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)); ImageOutputStream ios = new MemoryCacheImageOutputStream(os)) {
                ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
                try {
                    writer.setOutput(ios);
                    writer.write(image);
                } finally {
                    writer.dispose();
                }
            }
            if (overwrite) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                place(tmp, target);
            }
        } catch (FileAlreadyExistsException e) {
            if (e.getFile() != null && !Path.of(e.getFile()).toAbsolutePath().equals(target.toAbsolutePath())) {
                throw new IOException("cannot create the folder " + e.getFile() + " for " + target.getFileName()
                        + ": a file has its name", e);
            }
            throw new IOException(target + " appeared during the run; not replaced (add --overwrite to replace it)", e);
        } catch (IOException e) {
            throw new OutputFailure(target, e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the write failure, if any, is what the user needs to hear about
            }
        }
    }

    /** Puts a finished result in place without replacing anything: a hard link fails if the name is taken. */
    private static void place(Path tmp, Path target) throws IOException {
        try {
            Files.createLink(target, tmp);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | FileSystemException e) {
            Files.move(tmp, target); // no hard links on this file system: a move, which fails if the name exists
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
