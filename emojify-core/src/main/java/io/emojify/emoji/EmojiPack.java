package io.emojify.emoji;

import io.emojify.emotion.Emotion;
import io.emojify.emotion.EmotionScores;
import io.emojify.image.ImageDecoder;
import io.emojify.image.ImageDecodingException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An emoji pack that a user already has, loaded from a folder of PNG files named by code point in any of the common
 * namings: Twemoji ({@code 1f604.png}), Noto ({@code emoji_u1f604.png}) or OpenMoji ({@code 1F604.png}). The folder and its
 * sub-folders (two levels, for layouts such as {@code png64/}) are searched; where several files match, the largest image is
 * taken. The text of each emoji is the built-in set's, unless a mapping is given.
 *
 * <p>SVG art (OpenMoji {@code 1F604.svg}, Twemoji's {@code svg/}) is preferred when an {@link SvgRasterizer} is on the class
 * path ({@code emojify-djl} brings one), since it is crisp at any size; otherwise the PNG files are used.
 *
 * <p>Packs often require credit (Twemoji is CC-BY 4.0): the first non-empty line of an {@code ATTRIBUTION*} file in the folder
 * is returned by {@link #attribution()}, and applications must show it with the art. A pack that has only SVG art and no
 * rasterizer gets an {@link EmojiException} saying what to add. Immutable and thread-safe once loaded.
 */
public final class EmojiPack implements EmojiMapper {

    private static final Logger LOG = LoggerFactory.getLogger(EmojiPack.class);
    private static final long MAX_FILE_BYTES = 16L << 20;
    /** The largest emoji image accepted (4096x4096): packs ship 72 to 2048 pixels a side. */
    private static final long MAX_ART_PIXELS = 4096L * 4096L;
    private static final ImageDecoder DECODER = new ImageDecoder(MAX_ART_PIXELS);
    private static final Optional<SvgRasterizer> RASTERIZER = findRasterizer();

    private final Map<Emotion, Emoji> emojis;
    private final String attribution;
    private final Path folder;

    private EmojiPack(Path folder, Map<Emotion, Emoji> emojis, String attribution) {
        this.folder = folder;
        this.emojis = emojis;
        this.attribution = attribution;
    }

    /**
     * Loads the pack's emoji for the seven emotions, using the built-in set's choice of emoji.
     *
     * @param folder the pack folder
     * @return the pack
     * @throws EmojiException if the folder is missing, or an emotion's emoji file is missing or unreadable
     */
    public static EmojiPack load(Path folder) {
        Map<Emotion, String> texts = new EnumMap<>(Emotion.class);
        for (Emotion e : Emotion.values()) {
            texts.put(e, BuiltInEmojiSet.INSTANCE.emoji(e).text());
        }
        return load(folder, texts);
    }

    /**
     * Loads the pack with a chosen emoji for each emotion.
     *
     * @param folder the pack folder
     * @param textByEmotion the emoji text for every emotion, for example {@code HAPPY -> "😂"}
     * @return the pack
     * @throws EmojiException if the folder is missing, an emotion has no emoji, or a file is missing or unreadable
     */
    public static EmojiPack load(Path folder, Map<Emotion, String> textByEmotion) {
        Objects.requireNonNull(folder, "folder");
        if (!Files.isDirectory(folder)) {
            throw new EmojiException("Emoji pack folder " + folder.toAbsolutePath() + " does not exist or is not a folder");
        }
        List<Path> files = listFiles(folder);
        Map<Emotion, Emoji> emojis = new EnumMap<>(Emotion.class);
        for (Emotion e : Emotion.values()) {
            String text = textByEmotion.get(e);
            if (text == null || text.isEmpty()) {
                throw new EmojiException("No emoji given for " + e.label() + " in the mapping " + textByEmotion);
            }
            Emoji probe = new Emoji(text, "", size -> null);
            String cp = probe.codePoints();
            String name = e.label() + " (" + folder.getFileName() + ")";
            emojis.put(e, new Emoji(text, name, bestArt(files, cp, folder, e)));
        }
        String credit = readAttribution(folder);
        LOG.debug("Loaded emoji pack {}{}", folder, credit == null ? "" : " (" + credit + ")");
        return new EmojiPack(folder, emojis, credit);
    }

    @Override
    public Emoji map(Emotion emotion, EmotionScores scores) {
        return emojis.get(emotion);
    }

    @Override
    public Optional<String> attribution() {
        return Optional.ofNullable(attribution);
    }

    /** @return the folder the pack was loaded from */
    public Path folder() {
        return folder;
    }

    private static List<Path> listFiles(Path folder) {
        try (Stream<Path> walk = Files.walk(folder, 3)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new EmojiException("Cannot list emoji pack folder " + folder + ": " + e.getMessage(), e);
        }
    }

    private static EmojiArt bestArt(List<Path> files, String cp, Path folder, Emotion emotion) {
        String underscored = cp.replace('-', '_');
        List<String> names = List.of(cp, "emoji_u" + underscored, underscored);
        BufferedImage best = null;
        List<Path> svgs = new ArrayList<>();
        for (Path f : files) {
            String file = f.getFileName().toString().toLowerCase(Locale.ROOT);
            int dot = file.lastIndexOf('.');
            if (dot < 0 || !names.contains(file.substring(0, dot))) {
                continue;
            }
            String ext = file.substring(dot + 1);
            if (ext.equals("svg")) {
                svgs.add(f);
            } else if (ext.equals("png")) {
                BufferedImage img = read(f);
                if (best == null || img.getWidth() * img.getHeight() > best.getWidth() * best.getHeight()) {
                    best = img;
                }
            }
        }
        if (!svgs.isEmpty()) {
            SvgRasterizer rasterizer = RASTERIZER.orElse(null);
            if (rasterizer != null) {
                return rasterizer.load(svgs.get(0));
            }
            if (best == null) {
                throw new EmojiException("The emoji pack " + folder + " has only SVG art for " + emotion.label() + " ("
                        + svgs.get(0).getFileName() + ") and no SVG rasterizer is on the class path: add"
                        + " io.emojify:emojify-djl, or point the loader at the pack's PNG folder");
            }
        }
        if (best != null) {
            BufferedImage art = best;
            return size -> scale(art, size);
        }
        throw new EmojiException("The emoji pack " + folder + " has no file for " + emotion.label() + " (U+"
                + cp.toUpperCase(Locale.ROOT) + "): looked for " + cp + ".png, emoji_u" + underscored + ".png and "
                + cp.toUpperCase(Locale.ROOT) + ".png");
    }

    private static Optional<SvgRasterizer> findRasterizer() {
        try {
            return java.util.ServiceLoader.load(SvgRasterizer.class, SvgRasterizer.class.getClassLoader()).findFirst();
        } catch (java.util.ServiceConfigurationError | LinkageError e) {
            LOG.warn("The SVG rasterizer failed to load; SVG emoji will not be drawn: {}", e.toString());
            return Optional.empty();
        }
    }

    private static BufferedImage read(Path f) {
        try {
            if (Files.size(f) > MAX_FILE_BYTES) {
                throw new EmojiException("Emoji file " + f + " is larger than " + MAX_FILE_BYTES + " bytes");
            }
            BufferedImage img;
            try {
                img = DECODER.read(f); // the one decoding entry point: its pixel limit is checked before decoding
            } catch (ImageDecodingException e) {
                throw new EmojiException("Cannot use emoji file " + e.getMessage(), e);
            }
            BufferedImage argb = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = argb.createGraphics();
            g.drawImage(img, 0, 0, null);
            g.dispose();
            return argb;
        } catch (IOException | RuntimeException e) {
            if (e instanceof EmojiException ee) {
                throw ee;
            }
            throw new EmojiException("Cannot read emoji file " + f + ": " + e.getMessage(), e);
        }
    }

    /** Scales art to size: halving steps while shrinking by more than two, then one bicubic step. */
    static BufferedImage scale(BufferedImage src, int size) {
        BufferedImage current = src;
        while (current.getWidth() / 2 >= size && current.getHeight() / 2 >= size) {
            current = resize(current, current.getWidth() / 2, current.getHeight() / 2);
        }
        return resize(current, size, size);
    }

    private static BufferedImage resize(BufferedImage src, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(src, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static String readAttribution(Path folder) {
        try (Stream<Path> list = Files.list(folder)) {
            Optional<Path> file = list.filter(p -> p.getFileName().toString().toUpperCase(Locale.ROOT)
                    .startsWith("ATTRIBUTION")).sorted().findFirst();
            if (file.isEmpty()) {
                return null;
            }
            for (String line : Files.readAllLines(file.get(), StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    return line.trim();
                }
            }
            return null;
        } catch (IOException e) {
            LOG.warn("Cannot read the attribution of emoji pack {}: {}", folder, e.toString());
            return null;
        }
    }
}
