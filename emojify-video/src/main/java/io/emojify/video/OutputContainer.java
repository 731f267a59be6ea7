package io.emojify.video;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The containers {@link VideoAnnotator} writes, chosen from the output file's extension. Only these are handed to FFmpeg:
 * an extension it does not know is refused before any native code runs (FFmpeg can otherwise fail deep in its muxer).
 */
public enum OutputContainer {
    /** MPEG-4 Part 14, the default ({@code .mp4}, {@code .m4v}). */
    MP4("mp4", "mp4", "m4v"),
    /** QuickTime ({@code .mov}). */
    MOV("mov", "mov"),
    /** Matroska ({@code .mkv}). */
    MATROSKA("matroska", "mkv"),
    /** AVI ({@code .avi}). */
    AVI("avi", "avi");

    private final String format;
    private final List<String> extensions;

    OutputContainer(String format, String... extensions) {
        this.format = format;
        this.extensions = List.of(extensions);
    }

    /** @return FFmpeg's name of the muxer */
    public String format() {
        return format;
    }

    /** @return the file extensions (lower case, no dot) that select this container */
    public List<String> extensions() {
        return extensions;
    }

    /**
     * Chooses the container from a file's extension (case-insensitive).
     *
     * @param file the output file
     * @return the container, or empty when the extension is missing or not one of {@link #supportedExtensions()}
     */
    public static Optional<OutputContainer> forFile(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            return Optional.empty();
        }
        String s = name.toString();
        int dot = s.lastIndexOf('.');
        if (dot <= 0 || dot == s.length() - 1) {
            return Optional.empty();
        }
        String ext = s.substring(dot + 1).toLowerCase(Locale.ROOT);
        for (OutputContainer c : values()) {
            if (c.extensions.contains(ext)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /**
     * Finds a container by FFmpeg muxer name ({@code mp4}, {@code mov}, {@code matroska}, {@code avi}) or by extension
     * ({@code mkv}, {@code m4v}).
     *
     * @param name the name
     * @return the container, or empty if it is not one of these
     */
    public static Optional<OutputContainer> forName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.toLowerCase(Locale.ROOT);
        for (OutputContainer c : values()) {
            if (c.format.equals(n) || c.extensions.contains(n)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** @return the accepted extensions, for messages: {@code .mp4, .m4v, .mov, .mkv, .avi} */
    public static String supportedExtensions() {
        StringBuilder sb = new StringBuilder();
        for (OutputContainer c : values()) {
            for (String e : c.extensions) {
                sb.append(sb.length() == 0 ? "." : ", .").append(e);
            }
        }
        return sb.toString();
    }
}
