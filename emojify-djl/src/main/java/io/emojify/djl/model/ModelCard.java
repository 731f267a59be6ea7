package io.emojify.djl.model;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.ToNumberPolicy;
import com.google.gson.JsonParseException;
import io.emojify.emotion.Emotion;
import io.emojify.model.ModelException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The provenance and configuration that travel with an emotion model ({@code model-card.json}): what network it is, how its
 * input is framed and normalised, its class order, who trained it on what data with which settings, and every metric
 * measured. The trainer writes it; the library reads and validates it before loading the weights.
 */
public final class ModelCard {

    /** The file name of the card inside a model folder. */
    public static final String FILE = "model-card.json";

    // whole numbers in the free-form maps stay whole numbers when a card is read and written again
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
            .setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE).disableHtmlEscaping().create();

    /** Format version of the card. */
    public int formatVersion = 1;
    /** The model's name. */
    public String name;
    /** The architecture name (see {@code EmotionNetworks}). */
    public String architecture;
    /** The side of the square grayscale input, in pixels. */
    public int inputSize;
    /** How pixels are normalised, for example {@code "x/255"}. */
    public String normalisation = "x/255";
    /** Colour of the input: {@code "gray"}. */
    public String colour = "gray";
    /** The output classes in order (must be FER-2013's). */
    public List<String> classes = new ArrayList<>(Emotion.labels());
    /** The face framing the crop must reproduce: the crop side as a multiple of the detector's box side. */
    public double cropScale = 1.0;
    /** The vertical offset of the crop centre from the box centre, as a fraction of the box height. */
    public double cropShiftY;
    /** The DJL parameters file, relative to the folder. */
    public String parametersFile = "emotion.params";
    /** The ONNX file, relative to the folder. */
    public String onnxFile = "emotion.onnx";
    /** Number of trainable parameters. */
    public long parameterCount;
    /** Who or what made the model. */
    public String trainedBy;
    /** When training ended (ISO-8601). */
    public String createdAt;
    /** The project version that trained it. */
    public String projectVersion;
    /** The training data and its checksum. */
    public Map<String, String> data = new LinkedHashMap<>();
    /** Every training setting (the recipe, including the seed). */
    public Map<String, Object> recipe = new LinkedHashMap<>();
    /** Epochs trained, the best epoch and the wall time. */
    public Map<String, Object> training = new LinkedHashMap<>();
    /**
     * For an ensemble (an architecture such as {@code "compact+wide"}), each member's provenance in member order: its
     * architecture, parameter count, recipe and training; empty for a single network, whose recipe and training are
     * {@link #recipe} and {@link #training}.
     */
    public List<Map<String, Object>> members = new ArrayList<>();
    /**
     * The probabilities are {@code softmax(logits / temperature)}: a temperature fitted on validation faces makes them
     * calibrated (a face given 0.8 is right about 80% of the time); 1 leaves the network's own softmax.
     */
    public double temperature = 1.0;
    /**
     * The SHA-256 of each weight file, by file name; a file listed here is verified when it is loaded, and a file that
     * does not match is refused. Cards written before this field have none, and their files are not verified.
     */
    public Map<String, String> sha256 = new LinkedHashMap<>();
    /** Metrics by name, for example {@code publicTest.accuracy}. */
    public Map<String, Object> metrics = new LinkedHashMap<>();
    /** The exact command that reproduces the model. */
    public String command;

    /**
     * Parses and validates a card.
     *
     * @param json the card's text
     * @param source where it came from, for error messages
     * @return the card
     * @throws ModelException if it is not valid JSON or a value is wrong (the message prints the value)
     */
    public static ModelCard parse(String json, String source) {
        ModelCard card;
        try {
            card = GSON.fromJson(json, ModelCard.class);
        } catch (JsonParseException | IllegalStateException | NumberFormatException e) {
            throw new ModelException("Model card " + source + " is not valid JSON: " + e.getMessage(), e);
        }
        if (card == null) {
            throw new ModelException("Model card " + source + " is empty");
        }
        card.validate(source);
        return card;
    }

    /**
     * Checks the values the library depends on.
     *
     * @param source where the card came from, for error messages
     * @throws ModelException naming the wrong value
     */
    public void validate(String source) {
        if (formatVersion != 1) {
            throw new ModelException("Model card " + source + ": formatVersion is " + formatVersion + ", expected 1");
        }
        if (architecture == null || architecture.isBlank()) {
            throw new ModelException("Model card " + source + ": architecture is missing");
        }
        if (inputSize < 8 || inputSize > 512) {
            throw new ModelException("Model card " + source + ": inputSize is " + inputSize + ", expected 8 to 512");
        }
        if (!Emotion.labels().equals(classes)) {
            throw new ModelException("Model card " + source + ": classes are " + classes + ", expected FER-2013's "
                    + Emotion.labels());
        }
        if (!"x/255".equals(normalisation)) {
            throw new ModelException("Model card " + source + ": normalisation is '" + normalisation
                    + "', only 'x/255' is supported");
        }
        if (!(cropScale >= 0.5 && cropScale <= 4) || !(Math.abs(cropShiftY) <= 1)) {
            throw new ModelException("Model card " + source + ": cropScale " + cropScale + " must be 0.5 to 4 and "
                    + "cropShiftY " + cropShiftY + " must be -1 to 1");
        }
        if (!(temperature >= 0.05 && temperature <= 20)) {
            throw new ModelException("Model card " + source + ": temperature is " + temperature + ", expected 0.05 to 20");
        }
        for (Map.Entry<String, String> e : sha256.entrySet()) {
            if (!(e.getKey().equals(parametersFile) || e.getKey().equals(onnxFile))
                    || e.getValue() == null || !e.getValue().matches("[0-9a-fA-F]{64}")) {
                throw new ModelException("Model card " + source + ": sha256 entry '" + e.getKey() + "': '" + e.getValue()
                        + "' must name " + parametersFile + " or " + onnxFile + " and give 64 hex digits");
            }
        }
        for (String f : new String[] {parametersFile, onnxFile}) {
            if (f == null || f.isBlank() || f.contains("/") || f.contains("\\") || f.contains("..")) {
                throw new ModelException("Model card " + source + ": file name '" + f + "' must be a plain file name");
            }
        }
    }

    /** @return the card as pretty JSON */
    public String toJson() {
        return GSON.toJson(this);
    }
}
