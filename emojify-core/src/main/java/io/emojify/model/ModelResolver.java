package io.emojify.model;

import io.emojify.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves a pinned {@link ModelFile} to a verified local file, the way users get third-party weights:
 * <ol>
 *   <li>a local models folder, if set by the system property {@value #MODELS_PROPERTY} or the environment variable
 *       {@value #MODELS_ENV} (the folder has the layout {@code yunet/yunet_s_dynamic.onnx}); a file there is verified and
 *       used, never copied;</li>
 *   <li>else the cache ({@value #CACHE_PROPERTY}, default {@code ~/.cache/emojify/models}); a cached file is verified
 *       before every use, and a truncated or tampered one is deleted and fetched again;</li>
 *   <li>else a download over HTTPS into a temporary file in the cache, verified against the SHA-256, then moved into place
 *       atomically; a file lock makes two processes that fetch the same model at once safe. Setting
 *       {@value #OFFLINE_PROPERTY}{@code =true} forbids downloads.</li>
 * </ol>
 * Every failure is a {@link ModelException} naming the file, the expected SHA-256 and the setting to use. Thread-safe.
 */
public final class ModelResolver {

    /** System property: a local folder of models (the layout of the project's shared models folder). */
    public static final String MODELS_PROPERTY = "emojify.models";
    /** Environment variable: a local folder of models, when the property is not set. */
    public static final String MODELS_ENV = "EMOJIFY_MODELS";
    /** System property: the download cache folder. */
    public static final String CACHE_PROPERTY = "emojify.cache";
    /** System property: {@code true} forbids downloads. */
    public static final String OFFLINE_PROPERTY = "emojify.offline";
    /**
     * The largest model file accepted, 512 MiB (the pinned models are a few MB): a larger file is refused before it is
     * hashed, so a bogus multi-gigabyte file is not read in full first.
     */
    public static final long MAX_MODEL_BYTES = 512L * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(ModelResolver.class);
    private static final java.util.concurrent.ConcurrentMap<Path, Object> IN_PROCESS_LOCKS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final Path localFolder;
    private final Path cache;
    private final boolean offline;
    private final Downloader downloader;

    /** Fetches a URL's bytes into a stream; replaceable for tests. */
    @FunctionalInterface
    public interface Downloader {
        /**
         * @param file the model to fetch
         * @param out where to write its bytes
         * @throws IOException if the download fails
         */
        void download(ModelFile file, OutputStream out) throws IOException;
    }

    /**
     * Creates a resolver.
     *
     * @param localFolder a local models folder, or null
     * @param cache the cache folder
     * @param offline true to forbid downloads
     * @param downloader fetches files
     */
    public ModelResolver(Path localFolder, Path cache, boolean offline, Downloader downloader) {
        this.localFolder = localFolder;
        this.cache = Objects.requireNonNull(cache, "cache");
        this.offline = offline;
        this.downloader = Objects.requireNonNull(downloader, "downloader");
    }

    /**
     * Creates a resolver from the system properties and environment.
     *
     * @return the resolver
     */
    public static ModelResolver fromSettings() {
        return fromSettings(null, null);
    }

    /**
     * Creates a resolver from the given values, the system properties and environment giving what is not given.
     *
     * @param modelsFolder the local models folder, or null for {@value #MODELS_PROPERTY} / {@value #MODELS_ENV}
     * @param offline whether downloads are forbidden, or null for {@value #OFFLINE_PROPERTY}
     * @return the resolver
     * @throws ModelException if the given models folder is not a folder
     */
    public static ModelResolver fromSettings(Path modelsFolder, Boolean offline) {
        Path local = modelsFolder;
        if (local == null) {
            String folder = System.getProperty(MODELS_PROPERTY);
            if (folder == null || folder.isBlank()) {
                folder = System.getenv(MODELS_ENV);
            }
            local = folder == null || folder.isBlank() ? null : Paths.get(folder);
        } else if (!Files.isDirectory(local)) {
            throw new ModelException("The models folder " + local + " does not exist or is not a folder");
        }
        String cacheDir = System.getProperty(CACHE_PROPERTY);
        Path cache = cacheDir != null && !cacheDir.isBlank() ? Paths.get(cacheDir)
                : Paths.get(System.getProperty("user.home"), ".cache", "emojify", "models");
        return new ModelResolver(local, cache, offline != null ? offline : Boolean.getBoolean(OFFLINE_PROPERTY),
                ModelResolver::httpsDownload);
    }

    /**
     * Returns a verified local copy of the model.
     *
     * @param file the model
     * @return the local file
     * @throws ModelException if it cannot be found, fetched or verified
     */
    public Path resolve(ModelFile file) {
        if (localFolder != null) {
            Path local = localFolder.resolve(file.path());
            if (!Files.isRegularFile(local)) {
                throw new ModelException("Model " + file.path() + " is not in the models folder " + localFolder
                        + " (set by -D" + MODELS_PROPERTY + " or " + MODELS_ENV + "); expected SHA-256 " + file.sha256()
                        + ", download from " + file.url());
            }
            String tooLarge = tooLarge(local);
            if (tooLarge != null) {
                throw new ModelException("Model " + local + " " + tooLarge + "; it is not the model (expected SHA-256 "
                        + file.sha256() + "): replace it from " + file.url());
            }
            String actual = sha256(local);
            if (!actual.equals(file.sha256())) {
                throw new ModelException("Model " + local + " has SHA-256 " + actual + ", expected " + file.sha256()
                        + ": the file is corrupt or another version; replace it from " + file.url());
            }
            return local;
        }
        Path target = cache.resolve(file.path());
        try {
            Files.createDirectories(target.getParent());
            if (isValid(target, file)) {
                return target;
            }
            Path lockFile = target.resolveSibling(target.getFileName() + ".lock");
            // a file lock guards against other processes; it is held per JVM, so threads take a Java lock first
            Object jvmLock = IN_PROCESS_LOCKS.computeIfAbsent(lockFile.toAbsolutePath().normalize(), k -> new Object());
            synchronized (jvmLock) {
                return fetchUnderFileLock(file, target, lockFile);
            }
        } catch (IOException e) {
            throw new ModelUnavailableException("Cannot fetch model " + file.path() + " from " + file.url() + " into " + target
                    + " (" + e + "); on a machine without network, set -D" + MODELS_PROPERTY + " or " + MODELS_ENV
                    + " to a folder holding " + file.path() + " with SHA-256 " + file.sha256(), e);
        }
    }

    /** Fetches the model while holding a file lock that other processes respect; rechecks the cache first. */
    private Path fetchUnderFileLock(ModelFile file, Path target, Path lockFile) throws IOException {
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock ignored = ch.lock()) {
            if (isValid(target, file)) {
                return target; // another thread or process fetched it while we waited
            }
            if (Files.exists(target)) {
                LOG.warn("Cached model {} does not match its SHA-256 {}; fetching it again", target, file.sha256());
                Files.delete(target);
            }
            if (offline) {
                throw new ModelUnavailableException("Model " + file.path() + " is not cached at " + target + " and downloads"
                        + " are off (-D" + OFFLINE_PROPERTY + "=true); point -D" + MODELS_PROPERTY + " or "
                        + MODELS_ENV + " at a folder that holds it (SHA-256 " + file.sha256() + ", from "
                        + file.url() + ")");
            }
            fetch(file, target);
            return target;
        }
    }

    private void fetch(ModelFile file, Path target) throws IOException {
        AtomicFiles.write(target, AtomicFiles.Existing.REPLACE, out -> {
            MessageDigest md = newSha256();
            OutputStream digesting = new java.security.DigestOutputStream(out, md);
            LOG.info("Downloading {} from {}", file.path(), file.url());
            downloader.download(file, digesting);
            digesting.flush();
            String actual = HexFormat.of().formatHex(md.digest());
            if (!actual.equals(file.sha256())) {
                throw new ModelException("Downloaded " + file.url() + " has SHA-256 " + actual + ", expected "
                        + file.sha256() + "; the file was not used");
            }
        });
        LOG.info("Cached {} at {}", file.path(), target);
    }

    private static boolean isValid(Path target, ModelFile file) {
        if (!Files.isRegularFile(target)) {
            return false;
        }
        String tooLarge = tooLarge(target);
        if (tooLarge != null) {
            LOG.warn("Cached model {} {}; it is not hashed and is fetched again", target, tooLarge);
            return false;
        }
        return sha256(target).equals(file.sha256());
    }

    /** @return null when the file's size is within {@link #MAX_MODEL_BYTES}, else a phrase naming its size */
    private static String tooLarge(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new ModelException("Cannot read model file " + file + ": " + e, e);
        }
        return size > MAX_MODEL_BYTES ? "is " + size + " bytes, over the limit of " + MAX_MODEL_BYTES
                + " bytes for a model file; refused before hashing" : null;
    }

    /**
     * Computes a file's SHA-256.
     *
     * @param file the file
     * @return lower-case hex
     * @throws ModelException if it cannot be read
     */
    public static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), newSha256())) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new ModelException("Cannot read model file " + file + ": " + e, e);
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void httpsDownload(ModelFile file, OutputStream out) throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpRequest request = HttpRequest.newBuilder(file.url()).timeout(Duration.ofMinutes(5)).GET().build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (!"https".equalsIgnoreCase(response.uri().getScheme())) {
                throw new IOException("redirected away from HTTPS to " + response.uri());
            }
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode());
            }
            try (InputStream in = response.body()) {
                in.transferTo(out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
