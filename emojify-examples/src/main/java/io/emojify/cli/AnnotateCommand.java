package io.emojify.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.emojify.AnnotatedFace;
import io.emojify.Annotation;
import io.emojify.Emojify;
import io.emojify.EmojifyException;
import io.emojify.djl.DjlEmojifyProvider;
import io.emojify.djl.Engines;
import io.emojify.emoji.EmojiPack;
import io.emojify.emotion.Emotion;
import io.emojify.face.Point;
import io.emojify.image.ImageDecoder;
import io.emojify.render.RenderMode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code emojify annotate FILE_OR_DIR... [-o OUT] [--json] [--mode replace|badge|boxes] [--detector yunet|ultraface]
 * [--engine PyTorch|OnnxRuntime] [--emoji-dir DIR]}: writes the emojified images; folders are walked; a bad file is reported
 * and skipped, and the exit code is 1 when any failed.
 */
@Command(name = "annotate", mixinStandardHelpOptions = true,
        description = "Emojify photos; folders are walked. Writes <name>-emojified.png into the output folder.")
final class AnnotateCommand implements Callable<Integer> {

    private static final List<String> EXTENSIONS = List.of(".jpg", ".jpeg", ".png", ".gif", ".bmp", ".webp");

    @Parameters(arity = "1..*", paramLabel = "FILE_OR_DIR", description = "Images or folders of images")
    List<Path> inputs;

    @Option(names = {"-o", "--out"}, description = "Output folder (default: emojified)")
    Path out = Path.of("emojified");

    @Option(names = "--json", description = "Print one JSON object per image on standard output")
    boolean json;

    @Option(names = "--no-images", description = "Do not write images (with --json: analysis only)")
    boolean noImages;

    @Option(names = "--mode", defaultValue = "replace", description = "replace, badge or boxes")
    String mode;

    @Option(names = "--detector", description = "yunet (default) or ultraface")
    String detector;

    @Option(names = "--engine", description = "PyTorch or OnnxRuntime (default: OnnxRuntime if present)")
    String engine;

    @Option(names = "--emoji-dir", description = "A folder of emoji PNGs named by code point (Twemoji, Noto, OpenMoji)")
    Path emojiDir;

    @Override
    public Integer call() throws IOException {
        RenderMode renderMode;
        try {
            renderMode = RenderMode.valueOf(mode.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            System.err.println("emojify: unknown --mode '" + mode + "'; use replace, badge or boxes");
            return 2;
        }
        if (detector != null) {
            System.setProperty(DjlEmojifyProvider.DETECTOR_PROPERTY, detector);
        }
        if (engine != null) {
            System.setProperty(Engines.ENGINE_PROPERTY, engine);
        }
        List<Path> files = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Path in : inputs) {
            if (Files.isDirectory(in)) {
                try (Stream<Path> walk = Files.walk(in)) {
                    walk.filter(Files::isRegularFile).filter(AnnotateCommand::isImageName).sorted().forEach(files::add);
                }
            } else {
                files.add(in);
            }
        }
        Emojify.Builder builder = Emojify.builder().optRenderMode(renderMode);
        if (emojiDir != null) {
            EmojiPack pack = EmojiPack.load(emojiDir);
            pack.attribution().ifPresent(a -> System.err.println("Emoji art: " + a));
            builder.optEmojiMapper(pack);
        }
        if (!noImages) {
            Files.createDirectories(out);
        }
        ImageDecoder decoder = new ImageDecoder();
        Gson gson = new GsonBuilder().disableHtmlEscaping().create();
        PrintStream stdout = System.out;
        try (Emojify emojify = builder.build()) {
            int done = 0;
            for (Path file : files) {
                try {
                    var image = decoder.read(file);
                    Annotation a = noImages ? new Annotation(emojify.analyze(image), image) : emojify.process(image);
                    if (!noImages) {
                        writeAtomically(a, out.resolve(baseName(file) + "-emojified.png"));
                    }
                    if (json) {
                        stdout.println(gson.toJson(toJson(file, image.getWidth(), image.getHeight(), a.faces())));
                    }
                } catch (EmojifyException | IOException e) {
                    failures.add(file + ": " + e.getMessage());
                    System.err.println("emojify: skipped " + e.getMessage());
                }
                done++;
                if (files.size() > 1) {
                    progress(done, files.size());
                }
            }
        }
        if (!failures.isEmpty()) {
            System.err.println("emojify: " + failures.size() + " of " + files.size() + " files failed");
            return 1;
        }
        return 0;
    }

    private static boolean isImageName(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(n::endsWith);
    }

    private static String baseName(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private static void writeAtomically(Annotation a, Path target) throws IOException {
        // A plain sibling, not createTempFile: that would leave the image readable by its owner only.
        Path tmp = target.toAbsolutePath().resolveSibling("." + target.getFileName() + ".part");
        try {
            if (!ImageIO.write(a.image(), "png", tmp.toFile())) {
                throw new IOException("no PNG writer");
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void progress(int done, int total) {
        int width = 30;
        int filled = done * width / total;
        System.err.print("\r[" + "=".repeat(filled) + " ".repeat(width - filled) + "] " + done + "/" + total);
        if (done == total) {
            System.err.println();
        }
    }

    static Map<String, Object> toJson(Path file, int width, int height, List<AnnotatedFace> faces) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("file", file.toString());
        o.put("width", width);
        o.put("height", height);
        List<Object> list = new ArrayList<>();
        for (AnnotatedFace f : faces) {
            Map<String, Object> face = new LinkedHashMap<>();
            var b = f.face().box();
            face.put("box", Map.of("x", b.x(), "y", b.y(), "width", b.width(), "height", b.height()));
            face.put("score", f.face().score());
            f.face().optLandmarks().ifPresent(l -> {
                List<double[]> pts = new ArrayList<>();
                for (Point p : l.points()) {
                    pts.add(new double[] {p.x(), p.y()});
                }
                face.put("landmarks", pts);
            });
            face.put("emotion", f.emotion().label());
            Map<String, Float> probs = new LinkedHashMap<>();
            for (Emotion e : Emotion.values()) {
                probs.put(e.label(), f.scores().probability(e));
            }
            face.put("probabilities", probs);
            face.put("emoji", Map.of("text", f.emoji().text(), "codepoint", "U+" + f.emoji().codePoints()
                    .toUpperCase(Locale.ROOT)));
            list.add(face);
        }
        o.put("faces", list);
        return o;
    }
}
