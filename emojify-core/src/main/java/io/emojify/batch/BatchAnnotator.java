package io.emojify.batch;

import io.emojify.Annotation;
import io.emojify.Emojify;
import io.emojify.image.ImageDecoder;
import io.emojify.image.ImageDecodingException;
import io.emojify.io.AtomicFiles;
import io.emojify.io.FileErrors;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Emojifies many images in one run: the engine behind {@code emojify annotate}.
 *
 * <ol>
 *   <li>{@link #prepareOutputFolder()} checks the output folder, creating it if need be.</li>
 *   <li>{@link #plan(List)} turns files and folders into jobs. Folders are walked (earlier results,
 *       {@code *-emojified.png}, are left out). Each result is named {@code <name>-<extension>-emojified.png}
 *       ({@code a.jpg} gives {@code a-jpg-emojified.png}, so that {@code a.jpg} and {@code a.png} give two results), at
 *       its path relative to the folder given ({@code d1/x.jpg} gives {@code OUT/d1/x-jpg-emojified.png}). Two inputs that
 *       would give the same result, an existing result unless overwriting, and a result that would be an input of the
 *       run refuse the plan before any work. File names are handled as bytes, so a name the locale cannot spell is still
 *       read and written.</li>
 *   <li>{@link #run(BatchPlan, Emojify)} does the jobs, writing each result atomically ({@link AtomicFiles}): never
 *       over a file that appeared meanwhile unless overwriting.</li>
 * </ol>
 *
 * <p>Every problem is told to the {@link BatchListener} in one line naming the file and the reason, and the batch goes
 * on: a file that cannot be decoded or is too large for the memory available, a sub-folder that cannot be listed, a
 * folder without images. The run stops at the first result that cannot be written (a full disk, a read-only folder): the
 * next ones would fail the same way. Not thread-safe; one batch at a time.
 */
public final class BatchAnnotator {

    /** The image file extensions a folder is searched for. */
    public static final List<String> EXTENSIONS = List.of(".jpg", ".jpeg", ".png", ".gif", ".bmp", ".webp");
    /** What every result's name ends with. */
    public static final String SUFFIX = "-emojified.png";

    private final Path out;
    private final boolean overwrite;
    private final BatchListener listener;
    private final ImageDecoder decoder;

    private BatchAnnotator(Builder b) {
        this.out = b.out;
        this.overwrite = b.overwrite;
        this.listener = b.listener;
        this.decoder = b.decoder;
    }

    /**
     * Starts a builder.
     *
     * @return a builder with the defaults: no images written (analysis only), nothing overwritten, nobody listening
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A result that could not be written: the output folder is the problem, so the run stops. */
    private static final class OutputFailure extends IOException {
        private static final long serialVersionUID = 1L;

        OutputFailure(Path target, IOException cause) {
            super("cannot write " + target + ": " + FileErrors.describe(cause), cause);
        }
    }

    /**
     * Checks the output folder before any work, creating it when it does not exist. Does nothing when the batch writes
     * no images.
     *
     * @throws BatchException if a file has its name ({@link BatchException.Reason#NOT_A_FOLDER}), or it cannot be
     *     created or written into ({@link BatchException.Reason#NOT_WRITABLE}); the message starts with the folder
     */
    public void prepareOutputFolder() {
        if (out == null) {
            return;
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new BatchException(BatchException.Reason.NOT_A_FOLDER, out + ": exists and is not a folder", null);
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new BatchException(BatchException.Reason.NOT_WRITABLE, out + ": cannot create the folder: "
                    + FileErrors.describe(e), e);
        }
        if (!Files.isWritable(out)) {
            throw new BatchException(BatchException.Reason.NOT_WRITABLE, out
                    + ": cannot write into the folder (permission denied or read-only)", null);
        }
    }

    /**
     * Lists the images to do and where each result goes, telling the listener what cannot be listed, and refuses the
     * plan when two inputs would give the same result, a result exists (unless overwriting), or a result would be an
     * input.
     *
     * @param inputs image files and folders of images
     * @return the plan; {@link BatchPlan#refused()} says whether it may run
     */
    public BatchPlan plan(List<Path> inputs) {
        Map<Path, BatchJob> byInput = new LinkedHashMap<>();
        for (Path in : inputs) {
            if (Files.isDirectory(in)) {
                List<Path> found = walk(in);
                Path start = in;
                try {
                    start = Files.isSymbolicLink(in) ? in.toRealPath() : in;
                } catch (IOException e) {
                    // walk() has reported it
                }
                for (Path f : found) {
                    Path rel = start.relativize(f);
                    Path folder = out == null ? null : rel.getParent() == null ? out : out.resolve(rel.getParent());
                    byInput.putIfAbsent(key(f), new BatchJob(f, folder == null ? null : folder.resolve(resultName(f))));
                }
            } else if (Files.isRegularFile(in)) {
                byInput.putIfAbsent(key(in), new BatchJob(in, out == null ? null : out.resolve(resultName(in))));
            } else if (Files.exists(in, LinkOption.NOFOLLOW_LINKS)) {
                listener.problem(in + ": not a file or folder", null);
            } else {
                listener.problem(in + ": no such file or folder", null);
            }
        }
        List<BatchJob> jobs = new ArrayList<>(byInput.values());
        return new BatchPlan(jobs, out == null ? List.of() : refusals(jobs, byInput));
    }

    private List<Refusal> refusals(List<BatchJob> jobs, Map<Path, BatchJob> byInput) {
        List<Refusal> refusals = new ArrayList<>();
        Map<Path, BatchJob> byTarget = new HashMap<>();
        for (BatchJob job : jobs) {
            Path target = key(job.output());
            BatchJob other = byTarget.putIfAbsent(target, job);
            if (other != null) {
                refusals.add(new Refusal(Refusal.Kind.SAME_RESULT, other.input() + " and " + job.input()
                        + " would both be written to " + job.output()
                        + "; emojify them in separate runs or into separate -o folders"));
            }
            if (byInput.containsKey(target)) {
                refusals.add(new Refusal(Refusal.Kind.RESULT_IS_INPUT, job.output() + " (the result of " + job.input()
                        + ") is an input of this run and is never written over; choose another -o folder"));
            } else if (!overwrite && Files.exists(job.output(), LinkOption.NOFOLLOW_LINKS)) {
                refusals.add(new Refusal(Refusal.Kind.RESULT_EXISTS, job.output() + " exists (the result of "
                        + job.input() + "); add --overwrite to replace it"));
            }
        }
        return refusals;
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
                    listener.problem("cannot list " + file + ": " + FileErrors.reason(e) + "; its images are skipped",
                            e);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                    if (e != null) {
                        unlistable[0] |= dir.equals(start);
                        listener.problem("cannot list all of " + dir + ": " + FileErrors.reason(e)
                                + "; the rest of it is skipped", e);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            unlistable[0] = true;
            listener.problem("cannot list " + root + ": " + FileErrors.describe(e), e);
        }
        if (found.isEmpty() && !unlistable[0]) {
            listener.problem(root + ": no supported image in it (looked for " + String.join(", ", EXTENSIONS) + ")"
                    + (earlier[0] > 0 ? "; " + earlier[0] + " earlier results (*" + SUFFIX + ") left out" : ""), null);
        }
        found.sort(null);
        return found;
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
     *
     * @param file an image file
     * @return the result's file name
     */
    public static Path resultName(Path file) {
        String raw = file.toAbsolutePath().toUri().getRawPath();
        String name = raw.substring(raw.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        String result = (dot > 0 ? name.substring(0, dot) + "-" + name.substring(dot + 1) : name) + SUFFIX;
        return Path.of(URI.create("file:///" + result)).getFileName();
    }

    /**
     * Does a plan's jobs in order, telling the listener about each.
     *
     * @param plan a plan from {@link #plan(List)} that is not refused
     * @param emojify the pipeline (not closed here)
     * @return how many were done
     * @throws IllegalArgumentException if the plan is refused
     */
    public BatchResult run(BatchPlan plan, Emojify emojify) {
        if (plan.refused()) {
            throw new IllegalArgumentException("A refused plan cannot run: " + plan.refusals().get(0).message());
        }
        List<BatchJob> jobs = plan.jobs();
        int finished = 0;
        int done = 0;
        boolean stopped = false;
        for (BatchJob job : jobs) {
            try {
                annotate(job, emojify);
                done++;
            } catch (ImageDecodingException e) {
                listener.problem("skipped " + e.getMessage(), e); // its message names the file
            } catch (OutputFailure e) {
                listener.problem(e.getMessage() + "; stopped (" + done + " of " + jobs.size() + " results written)", e);
                stopped = true;
                break;
            } catch (IOException | RuntimeException e) {
                listener.problem("skipped " + job.input() + ": " + FileErrors.describe(e), e);
            } catch (OutOfMemoryError e) {
                // the image and everything made from it were local to annotate(): they are garbage now
                listener.problem("skipped " + job.input() + ": too large for the memory available (the Java heap is "
                        + "limited to " + (Runtime.getRuntime().maxMemory() >> 20) + " MB: give more with -Xmx)", e);
            }
            finished++;
            listener.progress(finished, jobs.size());
        }
        return new BatchResult(done, jobs.size(), stopped);
    }

    private void annotate(BatchJob job, Emojify emojify) throws IOException {
        BufferedImage image = decoder.read(job.input());
        Annotation a = job.output() == null ? new Annotation(emojify.analyze(image), image) : emojify.process(image);
        if (job.output() != null) {
            write(a.image(), job.output());
        }
        listener.done(job, image, a.faces());
    }

    /** Writes a result atomically: over an existing file only when overwriting, never over one that appeared meanwhile. */
    private void write(BufferedImage image, Path target) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new IOException("cannot create the folder " + folder + " for " + target.getFileName()
                    + ": a file has its name");
        }
        try {
            Files.createDirectories(folder);
            AtomicFiles.write(target, overwrite ? AtomicFiles.Existing.REPLACE : AtomicFiles.Existing.REFUSE,
                    os -> writePng(image, os));
        } catch (FileAlreadyExistsException e) {
            if (e.getFile() != null && !Path.of(e.getFile()).toAbsolutePath().equals(target.toAbsolutePath())) {
                throw new IOException("cannot create the folder " + e.getFile() + " for " + target.getFileName()
                        + ": a file has its name", e);
            }
            throw new IOException(target + " appeared during the run; not replaced (add --overwrite to replace it)", e);
        } catch (IOException e) {
            throw new OutputFailure(target, e);
        }
    }

    private static void writePng(BufferedImage image, OutputStream os) throws IOException {
        try (ImageOutputStream ios = new MemoryCacheImageOutputStream(os)) {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
            try {
                writer.setOutput(ios);
                writer.write(image);
            } finally {
                writer.dispose();
            }
        }
    }

    /** Configures a {@link BatchAnnotator}; every setting is optional. Not thread-safe. */
    public static final class Builder {
        private Path out;
        private boolean overwrite;
        private BatchListener listener = new BatchListener() {};
        private ImageDecoder decoder = new ImageDecoder();

        private Builder() {}

        /**
         * Writes the results below this folder (by default no image is written: the batch only analyses).
         *
         * @param folder the output folder
         * @return this builder
         */
        public Builder optOutputFolder(Path folder) {
            this.out = Objects.requireNonNull(folder, "folder");
            return this;
        }

        /**
         * Replaces results that exist in the output folder (never an input of the run). Off by default.
         *
         * @param overwrite true to replace existing results
         * @return this builder
         */
        public Builder optOverwrite(boolean overwrite) {
            this.overwrite = overwrite;
            return this;
        }

        /**
         * Tells this listener what happens.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder optListener(BatchListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Decodes the images with this decoder (default: a {@link ImageDecoder} with its default pixel limit).
         *
         * @param decoder the decoder
         * @return this builder
         */
        public Builder optDecoder(ImageDecoder decoder) {
            this.decoder = Objects.requireNonNull(decoder, "decoder");
            return this;
        }

        /** @return the batch annotator */
        public BatchAnnotator build() {
            return new BatchAnnotator(this);
        }
    }
}
