package io.emojify.djl.model;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.ToNumberPolicy;
import com.google.gson.JsonParseException;
import io.emojify.emotion.Emotion;
import io.emojify.model.ModelException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The provenance and configuration that travel with an emotion model ({@code model-card.json}): what network it is, how its
 * input is framed and normalised, its class order, who trained it on what data with which settings, and every metric
 * measured. The trainer writes it; the library reads and validates it before loading the weights.
 *
 * <p>Immutable and thread-safe: every map and list it returns is unmodifiable, nested values included. A changed card is
 * made with {@link #toBuilder()} and written with {@link #toJson()}.
 */
public final class ModelCard {

    /** The file name of the card inside a model folder. */
    public static final String FILE = "model-card.json";
    /** The DJL parameters file of a card that names no other. */
    public static final String DEFAULT_PARAMETERS_FILE = "emotion.params";
    /** The ONNX file of a card that names no other. */
    public static final String DEFAULT_ONNX_FILE = "emotion.onnx";

    // whole numbers in the free-form maps stay whole numbers when a card is read and written again
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
            .setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE).disableHtmlEscaping().create();

    // Field names are the JSON keys. Not final: Gson fills them when a card is read, and the initial values are the
    // defaults of a card that leaves a key out.
    private int formatVersion = 1;
    private String name;
    private String architecture;
    private int inputSize;
    private String normalisation = "x/255";
    private String colour = "gray";
    private List<String> classes = new ArrayList<>(Emotion.labels());
    private double cropScale = 1.0;
    private double cropShiftY;
    private String parametersFile = DEFAULT_PARAMETERS_FILE;
    private String onnxFile = DEFAULT_ONNX_FILE;
    private long parameterCount;
    private String trainedBy;
    private String createdAt;
    private String projectVersion;
    private Map<String, String> data = new LinkedHashMap<>();
    private Map<String, Object> recipe = new LinkedHashMap<>();
    private Map<String, Object> training = new LinkedHashMap<>();
    private List<Map<String, Object>> members = new ArrayList<>();
    private double temperature = 1.0;
    private Map<String, String> sha256 = new LinkedHashMap<>();
    private Map<String, Object> metrics = new LinkedHashMap<>();
    private String command;

    private ModelCard() {}

    /**
     * Starts a card; {@link Builder#build()} validates it.
     *
     * @return an empty builder with the defaults (format 1, {@code x/255}, gray, FER-2013's classes, temperature 1)
     */
    public static Builder builder() {
        return new Builder(new ModelCard());
    }

    /**
     * Starts a card with this card's values, to change some of them.
     *
     * @return a builder holding a copy of this card
     */
    public Builder toBuilder() {
        return new Builder(parse(toJson(), "a copy of " + name));
    }

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
        return card.frozen(source);
    }

    /** Validates this card and makes every collection in it unmodifiable (nested ones too); returns this card. */
    @SuppressWarnings("unchecked")
    private ModelCard frozen(String source) {
        classes = classes == null ? null : (List<String>) freeze(classes);
        data = data == null ? Map.of() : (Map<String, String>) freeze(data);
        recipe = recipe == null ? Map.of() : (Map<String, Object>) freeze(recipe);
        training = training == null ? Map.of() : (Map<String, Object>) freeze(training);
        members = members == null ? List.of() : (List<Map<String, Object>>) freeze(members);
        sha256 = sha256 == null ? Map.of() : (Map<String, String>) freeze(sha256);
        metrics = metrics == null ? Map.of() : (Map<String, Object>) freeze(metrics);
        validate(source);
        return this;
    }

    /** An unmodifiable copy of a value read from JSON: maps keep their order. */
    private static Object freeze(Object value) {
        if (value instanceof Map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            ((Map<?, ?>) value).forEach((k, v) -> copy.put(k, freeze(v)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List) {
            List<Object> copy = new ArrayList<>();
            ((List<?>) value).forEach(v -> copy.add(freeze(v)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    /**
     * Checks the values the library depends on.
     *
     * @param source where the card came from, for error messages
     * @throws ModelException naming the wrong value
     */
    private void validate(String source) {
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

    /** @return the format version of the card (1) */
    public int formatVersion() {
        return formatVersion;
    }

    /** @return the model's name */
    public String name() {
        return name;
    }

    /** @return the architecture name (see {@code EmotionNetworks}), such as {@code compact} or {@code compact+wide} */
    public String architecture() {
        return architecture;
    }

    /** @return the side of the square grayscale input, in pixels */
    public int inputSize() {
        return inputSize;
    }

    /** @return how pixels are normalised: {@code x/255} */
    public String normalisation() {
        return normalisation;
    }

    /** @return the colour of the input: {@code gray} */
    public String colour() {
        return colour;
    }

    /** @return the output classes in order (FER-2013's) */
    public List<String> classes() {
        return classes;
    }

    /** @return the face framing the crop reproduces: the crop side as a multiple of the detector's box side */
    public double cropScale() {
        return cropScale;
    }

    /** @return the vertical offset of the crop centre from the box centre, as a fraction of the box height */
    public double cropShiftY() {
        return cropShiftY;
    }

    /** @return the DJL parameters file, relative to the model folder */
    public String parametersFile() {
        return parametersFile;
    }

    /** @return the ONNX file, relative to the model folder */
    public String onnxFile() {
        return onnxFile;
    }

    /** @return the number of trainable parameters */
    public long parameterCount() {
        return parameterCount;
    }

    /** @return who or what made the model, with the versions it ran on */
    public String trainedBy() {
        return trainedBy;
    }

    /** @return when the model was exported (ISO-8601) */
    public String createdAt() {
        return createdAt;
    }

    /** @return the project version that trained it */
    public String projectVersion() {
        return projectVersion;
    }

    /** @return the training and validation data: what they are, where they come from, and their checksums */
    public Map<String, String> data() {
        return data;
    }

    /** @return every training setting (the recipe, including the seed) */
    public Map<String, Object> recipe() {
        return recipe;
    }

    /** @return epochs trained, the best epoch, the wall time and what training ran on */
    public Map<String, Object> training() {
        return training;
    }

    /**
     * @return for an ensemble (an architecture such as {@code compact+wide}), each member's provenance in member order;
     *     empty for a single network, whose recipe and training are {@link #recipe()} and {@link #training()}
     */
    public List<Map<String, Object>> members() {
        return members;
    }

    /**
     * @return the temperature T of the probabilities {@code softmax(logits / T)}, fitted on validation faces so that they
     *     are calibrated; 1 leaves the network's own softmax
     */
    public double temperature() {
        return temperature;
    }

    /**
     * @return the SHA-256 of each weight file, by file name; a file listed here is verified when it is loaded (cards
     *     written before this field have none)
     */
    public Map<String, String> sha256() {
        return sha256;
    }

    /** @return metrics by name, for example {@code publicTest} with its accuracy */
    public Map<String, Object> metrics() {
        return metrics;
    }

    /** @return the exact command that reproduces the model */
    public String command() {
        return command;
    }

    /**
     * Builds a {@link ModelCard}: the trainer's exporter fills one in as it exports, and a changed card starts from
     * {@link ModelCard#toBuilder()}. Not thread-safe; {@link #build()} validates and copies, so the builder can go on.
     */
    public static final class Builder {
        private final ModelCard card;

        private Builder(ModelCard card) {
            this.card = card;
            card.classes = new ArrayList<>(card.classes);
            card.data = new LinkedHashMap<>(card.data);
            card.recipe = new LinkedHashMap<>(card.recipe);
            card.training = new LinkedHashMap<>(card.training);
            card.members = new ArrayList<>(card.members);
            card.sha256 = new LinkedHashMap<>(card.sha256);
            card.metrics = new LinkedHashMap<>(card.metrics);
        }

        /**
         * @param name the model's name
         * @return this builder
         */
        public Builder setName(String name) {
            card.name = name;
            return this;
        }

        /**
         * @param architecture the architecture name (see {@code EmotionNetworks})
         * @return this builder
         */
        public Builder setArchitecture(String architecture) {
            card.architecture = architecture;
            return this;
        }

        /**
         * @param inputSize the side of the square grayscale input, in pixels (8 to 512)
         * @return this builder
         */
        public Builder setInputSize(int inputSize) {
            card.inputSize = inputSize;
            return this;
        }

        /**
         * @param cropScale the crop side as a multiple of the detector's box side (0.5 to 4; default 1)
         * @param cropShiftY the crop centre's offset from the box centre, as a fraction of the box height (-1 to 1)
         * @return this builder
         */
        public Builder optFraming(double cropScale, double cropShiftY) {
            card.cropScale = cropScale;
            card.cropShiftY = cropShiftY;
            return this;
        }

        /**
         * @param parameterCount the number of trainable parameters
         * @return this builder
         */
        public Builder optParameterCount(long parameterCount) {
            card.parameterCount = parameterCount;
            return this;
        }

        /**
         * @param trainedBy who or what made the model
         * @param projectVersion the project version that trained it
         * @param createdAt when it was exported (ISO-8601)
         * @return this builder
         */
        public Builder optProvenance(String trainedBy, String projectVersion, String createdAt) {
            card.trainedBy = trainedBy;
            card.projectVersion = projectVersion;
            card.createdAt = createdAt;
            return this;
        }

        /**
         * @param command the exact command that reproduces the model
         * @return this builder
         */
        public Builder optCommand(String command) {
            card.command = command;
            return this;
        }

        /**
         * @param key what the entry describes, such as {@code train} or {@code trainChecksum}
         * @param value its description or checksum
         * @return this builder
         */
        public Builder optData(String key, String value) {
            card.data.put(key, value);
            return this;
        }

        /**
         * @param key a training setting's name
         * @param value its value (numbers, strings, booleans, maps and lists of them)
         * @return this builder
         */
        public Builder optRecipe(String key, Object value) {
            card.recipe.put(key, value);
            return this;
        }

        /**
         * @param key what is recorded of the training, such as {@code epochs}
         * @param value its value
         * @return this builder
         */
        public Builder optTraining(String key, Object value) {
            card.training.put(key, value);
            return this;
        }

        /**
         * @param member an ensemble member's provenance (architecture, parameter count, recipe, training), added in order
         * @return this builder
         */
        public Builder optMember(Map<String, Object> member) {
            card.members.add(member);
            return this;
        }

        /**
         * @param temperature the calibration temperature (0.05 to 20; default 1)
         * @return this builder
         */
        public Builder optTemperature(double temperature) {
            card.temperature = temperature;
            return this;
        }

        /**
         * @param file a weight file's name ({@link ModelCard#parametersFile()} or {@link ModelCard#onnxFile()})
         * @param hex its SHA-256, 64 hex digits
         * @return this builder
         */
        public Builder optSha256(String file, String hex) {
            card.sha256.put(file, hex);
            return this;
        }

        /**
         * @param key a metric's name, such as {@code publicTest}
         * @param value its value (a number, or a map of numbers)
         * @return this builder
         */
        public Builder optMetric(String key, Object value) {
            card.metrics.put(key, value);
            return this;
        }

        /**
         * Checks the card and returns an immutable copy.
         *
         * @return the card
         * @throws ModelException naming a wrong value
         */
        public ModelCard build() {
            String json;
            try {
                json = card.toJson();
            } catch (RuntimeException e) {
                throw new ModelException("Model card '" + card.name + "' cannot be written as JSON (a value of a type JSON"
                        + " has no form for?): " + e.getMessage(), e);
            }
            return parse(json, "'" + card.name + "' as built");
        }
    }
}
