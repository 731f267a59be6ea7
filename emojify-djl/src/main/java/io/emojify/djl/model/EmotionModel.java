package io.emojify.djl.model;

import io.emojify.model.ModelException;
import io.emojify.model.ModelResolver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A trained emotion model on disk: a folder holding {@code model-card.json}, the DJL parameters and the ONNX export of the
 * same network, so that either engine can serve it. The model shipped inside this jar is {@link #embedded()}.
 */
public final class EmotionModel {

    /** The class-path folder of the model shipped in the jar. */
    public static final String EMBEDDED_RESOURCE = "/io/emojify/djl/models/emotion/";

    private static final Logger LOG = LoggerFactory.getLogger(EmotionModel.class);
    private static final Object EMBEDDED_LOCK = new Object();
    private static EmotionModel embedded;

    private final Path folder;
    private final ModelCard card;
    /** Files whose checksum has been verified (each is hashed once per instance). */
    private final java.util.Set<String> verified = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private EmotionModel(Path folder, ModelCard card) {
        this.folder = folder;
        this.card = card;
    }

    /**
     * Opens a model folder and validates its card and files.
     *
     * @param folder the folder
     * @return the model
     * @throws ModelException if the folder, the card or a weights file is missing or invalid
     */
    public static EmotionModel open(Path folder) {
        if (folder == null || !Files.isDirectory(folder)) {
            throw new ModelException("Emotion model folder " + folder + " does not exist or is not a folder");
        }
        Path cardFile = folder.resolve(ModelCard.FILE);
        if (!Files.isRegularFile(cardFile)) {
            throw new ModelException("Emotion model folder " + folder + " has no " + ModelCard.FILE);
        }
        ModelCard card;
        try {
            card = ModelCard.parse(Files.readString(cardFile, StandardCharsets.UTF_8), cardFile.toString());
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ModelException("Cannot read " + cardFile + ": " + e, e);
        }
        return new EmotionModel(folder, card);
    }

    /**
     * Returns the model shipped inside this jar, trained by Emojify's own trainer (extracted once to a temporary folder,
     * because ONNX Runtime loads from a file).
     *
     * @return the model
     * @throws ModelException if the jar holds no model
     */
    public static EmotionModel embedded() {
        synchronized (EMBEDDED_LOCK) {
            if (embedded == null) {
                embedded = extractEmbedded();
            }
            return embedded;
        }
    }

    static EmotionModel extractEmbedded() {
        return fromClassPath(EMBEDDED_RESOURCE, "This emojify-djl jar holds no embedded emotion model ("
                + EMBEDDED_RESOURCE + ModelCard.FILE + "); pass a model folder to DjlEmotionClassifier");
    }

    /**
     * Reads a model folder from the class path (a model artifact's jar, say), extracting it once to a temporary folder
     * because ONNX Runtime loads from a file; the folder is removed when the JVM exits.
     *
     * @param resourceFolder the class-path folder holding {@value ModelCard#FILE}, ending with {@code /}
     * @param whenMissing the message when the class path holds no such card
     * @return the model
     * @throws ModelException if the class path holds no card there, or a file named by the card is missing
     */
    public static EmotionModel fromClassPath(String resourceFolder, String whenMissing) {
        try (InputStream cardIn = EmotionModel.class.getResourceAsStream(resourceFolder + ModelCard.FILE)) {
            if (cardIn == null) {
                throw new ModelException(whenMissing);
            }
            String json = new String(cardIn.readAllBytes(), StandardCharsets.UTF_8);
            ModelCard card = ModelCard.parse(json, resourceFolder + ModelCard.FILE);
            // Removed when the JVM exits through File.deleteOnExit, which keeps only path names: a shutdown hook of
            // this class would keep its class loader alive (an application server could never unload it).
            Path dir = Files.createTempDirectory("emojify-model");
            dir.toFile().deleteOnExit();
            for (String f : new String[] {ModelCard.FILE, card.parametersFile(), card.onnxFile()}) {
                dir.resolve(f).toFile().deleteOnExit(); // registered after the folder, so deleted before it
            }
            Files.writeString(dir.resolve(ModelCard.FILE), json);
            for (String f : new String[] {card.parametersFile(), card.onnxFile()}) {
                try (InputStream in = EmotionModel.class.getResourceAsStream(resourceFolder + f)) {
                    if (in == null) {
                        throw new ModelException("The emotion model at " + resourceFolder + " lacks " + f);
                    }
                    Files.copy(in, dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            LOG.debug("Emotion model {} extracted to {}", resourceFolder, dir);
            return new EmotionModel(dir, card);
        } catch (IOException e) {
            throw new ModelException("Cannot extract the emotion model at " + resourceFolder + ": " + e, e);
        }
    }

    /** @return the folder */
    public Path folder() {
        return folder;
    }

    /**
     * Returns the model card (immutable: a changed card is made with {@link ModelCard#toBuilder()} and written with
     * {@link ModelCard#toJson()} into a model folder of its own).
     *
     * @return the model card
     */
    public ModelCard card() {
        return card;
    }

    /**
     * @return the DJL parameters file
     * @throws ModelException if it is missing
     */
    public Path parametersFile() {
        return existing(card.parametersFile());
    }

    /**
     * @return the ONNX file
     * @throws ModelException if it is missing
     */
    public Path onnxFile() {
        return existing(card.onnxFile());
    }

    private Path existing(String name) {
        Path p = folder.resolve(name);
        if (!Files.isRegularFile(p)) {
            throw new ModelException("Emotion model folder " + folder + " lacks " + name + " (named by its "
                    + ModelCard.FILE + ")");
        }
        String expected = card.sha256().get(name);
        if (expected != null && verified.add(name)) {
            String actual;
            try {
                actual = ModelResolver.sha256(p);
            } catch (RuntimeException e) {
                verified.remove(name);
                throw e;
            }
            if (!expected.equalsIgnoreCase(actual)) {
                verified.remove(name);
                throw new ModelException(p + " has SHA-256 " + actual + ", but its " + ModelCard.FILE + " gives "
                        + expected + ": the file was changed or replaced after the model was exported");
            }
        }
        return p;
    }

    @Override
    public String toString() {
        return "EmotionModel[" + card.name() + ", " + card.architecture() + ", " + folder + "]";
    }
}
