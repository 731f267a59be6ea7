package io.emojify.model;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * A third-party model file pinned by content: where it lives in a models folder, where users download it from, and its
 * SHA-256.
 *
 * @param path the relative path in a models folder, for example {@code yunet/yunet_s_dynamic.onnx}
 * @param url the HTTPS download address (a URL pinned to a commit)
 * @param sha256 the expected SHA-256, lower-case hex
 */
public record ModelFile(String path, URI url, String sha256) {

    /**
     * @param path the relative path in a models folder, for example {@code yunet/yunet_s_dynamic.onnx}
     * @param url the HTTPS download address (a URL pinned to a commit)
     * @param sha256 the expected SHA-256, lower-case hex
     * @throws IllegalArgumentException if the path escapes the folder, the URL is not HTTPS or the hash is malformed
     */
    public ModelFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(sha256, "sha256");
        if (path.isBlank() || path.startsWith("/") || path.contains("..") || path.contains("\\")) {
            throw new IllegalArgumentException("Model path must be relative and stay inside the folder: '" + path + "'");
        }
        if (!"https".equalsIgnoreCase(url.getScheme())) {
            throw new IllegalArgumentException("Models are downloaded over HTTPS only: " + url);
        }
        sha256 = sha256.toLowerCase(Locale.ROOT);
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("SHA-256 must be 64 hex digits: '" + sha256 + "'");
        }
    }
}
