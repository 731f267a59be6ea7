package io.emojify.djl.model;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.ToNumberPolicy;
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
 * measured. The trainer writes it; the library reads and validates it before loading the weights. The components are the
 * JSON keys, in the order they are written.
 *
 * <p>Immutable and thread-safe: every map and list it holds is unmodifiable, nested values included. A card is read with
 * {@link #parse}, which validates it; a changed card is made with {@link #toBuilder()} and written with {@link #toJson()}.
 * A card made with the constructor is not validated until it is read again.
 *
 * @param formatVersion the format version of the card (1)
 * @param name the model's name
 * @param architecture the architecture name (see {@code EmotionNetworks}), such as {@code compact} or
 *     {@code compact+wide}
 * @param inputSize the side of the square grayscale input, in pixels
 * @param normalisation how pixels are normalised: {@code x/255}
 * @param colour the colour of the input: {@code gray}
 * @param classes the output classes in order (FER-2013's)
 * @param cropScale the face framing the crop reproduces: the crop side as a multiple of the detector's box side
 * @param cropShiftY the vertical offset of the crop centre from the box centre, as a fraction of the box height
 * @param parametersFile the DJL parameters file, relative to the model folder
 * @param onnxFile the ONNX file, relative to the model folder
 * @param parameterCount the number of trainable parameters
 * @param trainedBy who or what made the model, with the versions it ran on
 * @param createdAt when the model was exported (ISO-8601)
 * @param projectVersion the project version that trained it
 * @param data the training and validation data: what they are, where they come from, and their checksums
 * @param recipe every training setting (the recipe, including the seed)
 * @param training epochs trained, the best epoch, the wall time and what training ran on
 * @param members for an ensemble (an architecture such as {@code compact+wide}), each member's provenance in member
 *     order; empty for a single network, whose recipe and training are {@link #recipe()} and {@link #training()}
 * @param temperature the temperature T of the probabilities {@code softmax(logits / T)}, fitted on validation faces so
 *     that they are calibrated; 1 leaves the network's own softmax
 * @param sha256 the SHA-256 of each weight file, by file name; a file listed here is verified when it is loaded (cards
 *     written before this field have none)
 * @param metrics metrics by name, for example {@code publicTest} with its accuracy
 * @param command the exact command that reproduces the model
 */
public record ModelCard(int formatVersion, String name, String architecture, int inputSize, String normalisation,
        String colour, List<String> classes, double cropScale, double cropShiftY, String parametersFile,
        String onnxFile, long parameterCount, String trainedBy, String createdAt, String projectVersion,
        Map<String, String> data, Map<String, Object> recipe, Map<String, Object> training,
        List<Map<String, Object>> members, double temperature, Map<String, String> sha256,
        Map<String, Object> metrics, String command) {

    /** The file name of the card inside a model folder. */
    public static final String FILE = "model-card.json";
    /** The DJL parameters file of a card that names no other. */
    public static final String DEFAULT_PARAMETERS_FILE = "emotion.params";
    /** The ONNX file of a card that names no other. */
    public static final String DEFAULT_ONNX_FILE = "emotion.onnx";

    // whole numbers in the free-form maps stay whole numbers when a card is read and written again
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
            .setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE).disableHtmlEscaping().create();

    /** The values of the keys a card leaves out. */
    private static final String DEFAULTS = "{\"formatVersion\": 1, \"inputSize\": 0, \"normalisation\": \"x/255\","
            + " \"colour\": \"gray\", \"classes\": " + GSON.toJson(Emotion.labels()) + ", \"cropScale\": 1.0,"
            + " \"cropShiftY\": 0.0, \"parametersFile\": \"" + DEFAULT_PARAMETERS_FILE + "\", \"onnxFile\": \""
            + DEFAULT_ONNX_FILE + "\", \"parameterCount\": 0, \"data\": {}, \"recipe\": {}, \"training\": {},"
            + " \"members\": [], \"temperature\": 1.0, \"sha256\": {}, \"metrics\": {}}";

    /**
     * Makes every collection unmodifiable, nested ones too; a missing map or list is empty (missing classes stay
     * missing, which validation refuses). The card is not validated here: {@link #parse} and {@link Builder#build()} do.
     *
     * @param formatVersion see {@link #formatVersion()}
     * @param name see {@link #name()}
     * @param architecture see {@link #architecture()}
     * @param inputSize see {@link #inputSize()}
     * @param normalisation see {@link #normalisation()}
     * @param colour see {@link #colour()}
     * @param classes see {@link #classes()}
     * @param cropScale see {@link #cropScale()}
     * @param cropShiftY see {@link #cropShiftY()}
     * @param parametersFile see {@link #parametersFile()}
     * @param onnxFile see {@link #onnxFile()}
     * @param parameterCount see {@link #parameterCount()}
     * @param trainedBy see {@link #trainedBy()}
     * @param createdAt see {@link #createdAt()}
     * @param projectVersion see {@link #projectVersion()}
     * @param data see {@link #data()}
     * @param recipe see {@link #recipe()}
     * @param training see {@link #training()}
     * @param members see {@link #members()}
     * @param temperature see {@link #temperature()}
     * @param sha256 see {@link #sha256()}
     * @param metrics see {@link #metrics()}
     * @param command see {@link #command()}
     */
    @SuppressWarnings("unchecked")
    public ModelCard {
        classes = classes == null ? null : (List<String>) freeze(classes);
        data = data == null ? Map.of() : (Map<String, String>) freeze(data);
        recipe = recipe == null ? Map.of() : (Map<String, Object>) freeze(recipe);
        training = training == null ? Map.of() : (Map<String, Object>) freeze(training);
        members = members == null ? List.of() : (List<Map<String, Object>>) freeze(members);
        sha256 = sha256 == null ? Map.of() : (Map<String, String>) freeze(sha256);
        metrics = metrics == null ? Map.of() : (Map<String, Object>) freeze(metrics);
    }

    /** An unmodifiable copy of a value read from JSON: maps keep their order. */
    private static Object freeze(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, freeze(v)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(freeze(v)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    /**
     * Starts a card; {@link Builder#build()} validates it.
     *
     * @return an empty builder with the defaults (format 1, {@code x/255}, gray, FER-2013's classes, temperature 1)
     */
    public static Builder builder() {
        return new Builder(JsonParser.parseString(DEFAULTS).getAsJsonObject());
    }

    /**
     * Starts a card with this card's values, to change some of them.
     *
     * @return a builder holding a copy of this card
     */
    public Builder toBuilder() {
        return new Builder(GSON.toJsonTree(this).getAsJsonObject());
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
        JsonElement tree;
        try {
            tree = JsonParser.parseString(json);
        } catch (JsonParseException | IllegalStateException | NumberFormatException e) {
            throw new ModelException("Model card " + source + " is not valid JSON: " + e.getMessage(), e);
        }
        if (tree == null || tree.isJsonNull()) {
            throw new ModelException("Model card " + source + " is empty");
        }
        if (!tree.isJsonObject()) {
            throw new ModelException("Model card " + source + " is not valid JSON: expected an object, found " + tree);
        }
        return read(tree.getAsJsonObject(), source);
    }

    /** Maps a card's JSON object, the defaults filling the keys it leaves out, and validates it. */
    private static ModelCard read(JsonObject json, String source) {
        JsonObject withDefaults = JsonParser.parseString(DEFAULTS).getAsJsonObject();
        for (Map.Entry<String, JsonElement> e : json.entrySet()) {
            // a number given as null keeps its default, as a missing one does
            boolean nullNumber = e.getValue().isJsonNull() && withDefaults.has(e.getKey())
                    && withDefaults.get(e.getKey()).isJsonPrimitive()
                    && withDefaults.get(e.getKey()).getAsJsonPrimitive().isNumber();
            if (!nullNumber) {
                withDefaults.add(e.getKey(), e.getValue());
            }
        }
        ModelCard card;
        try {
            card = GSON.fromJson(withDefaults, ModelCard.class);
        } catch (JsonParseException | IllegalStateException | NumberFormatException | ClassCastException e) {
            throw new ModelException("Model card " + source + " is not valid JSON: " + e.getMessage(), e);
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

    /**
     * Builds a {@link ModelCard}: the trainer's exporter fills one in as it exports, and a changed card starts from
     * {@link ModelCard#toBuilder()}. It holds the card as JSON, so that {@link #build()} reads it as a card file is read.
     * Not thread-safe; {@link #build()} validates and copies, so the builder can go on.
     */
    public static final class Builder {
        private final JsonObject json;

        private Builder(JsonObject json) {
            this.json = json;
        }

        private Builder set(String key, Object value) {
            json.add(key, tree(value));
            return this;
        }

        private Builder put(String section, String key, Object value) {
            JsonElement into = json.get(section);
            if (into == null || !into.isJsonObject()) {
                into = new JsonObject();
                json.add(section, into);
            }
            into.getAsJsonObject().add(key, tree(value));
            return this;
        }

        private JsonElement tree(Object value) {
            try {
                return GSON.toJsonTree(value);
            } catch (RuntimeException e) {
                throw new ModelException("Model card '" + name() + "' cannot be written as JSON (a value of a "
                        + "type JSON has no form for?): " + e.getMessage(), e);
            }
        }

        /** The name given so far, for messages. */
        private String name() {
            JsonElement name = json.get("name");
            return name == null || name.isJsonNull() ? null : name.getAsString();
        }

        /**
         * @param name the model's name
         * @return this builder
         */
        public Builder setName(String name) {
            return set("name", name);
        }

        /**
         * @param architecture the architecture name (see {@code EmotionNetworks})
         * @return this builder
         */
        public Builder setArchitecture(String architecture) {
            return set("architecture", architecture);
        }

        /**
         * @param inputSize the side of the square grayscale input, in pixels (8 to 512)
         * @return this builder
         */
        public Builder setInputSize(int inputSize) {
            return set("inputSize", inputSize);
        }

        /**
         * @param cropScale the crop side as a multiple of the detector's box side (0.5 to 4; default 1)
         * @param cropShiftY the crop centre's offset from the box centre, as a fraction of the box height (-1 to 1)
         * @return this builder
         */
        public Builder optFraming(double cropScale, double cropShiftY) {
            return set("cropScale", cropScale).set("cropShiftY", cropShiftY);
        }

        /**
         * @param parameterCount the number of trainable parameters
         * @return this builder
         */
        public Builder optParameterCount(long parameterCount) {
            return set("parameterCount", parameterCount);
        }

        /**
         * @param trainedBy who or what made the model
         * @param projectVersion the project version that trained it
         * @param createdAt when it was exported (ISO-8601)
         * @return this builder
         */
        public Builder optProvenance(String trainedBy, String projectVersion, String createdAt) {
            return set("trainedBy", trainedBy).set("projectVersion", projectVersion).set("createdAt", createdAt);
        }

        /**
         * @param command the exact command that reproduces the model
         * @return this builder
         */
        public Builder optCommand(String command) {
            return set("command", command);
        }

        /**
         * @param key what the entry describes, such as {@code train} or {@code trainChecksum}
         * @param value its description or checksum
         * @return this builder
         */
        public Builder optData(String key, String value) {
            return put("data", key, value);
        }

        /**
         * @param key a training setting's name
         * @param value its value (numbers, strings, booleans, maps and lists of them)
         * @return this builder
         */
        public Builder optRecipe(String key, Object value) {
            return put("recipe", key, value);
        }

        /**
         * @param key what is recorded of the training, such as {@code epochs}
         * @param value its value
         * @return this builder
         */
        public Builder optTraining(String key, Object value) {
            return put("training", key, value);
        }

        /**
         * @param member an ensemble member's provenance (architecture, parameter count, recipe, training), added in order
         * @return this builder
         */
        public Builder optMember(Map<String, Object> member) {
            JsonElement members = json.get("members");
            if (members == null || !members.isJsonArray()) {
                set("members", List.of());
            }
            json.getAsJsonArray("members").add(tree(member));
            return this;
        }

        /**
         * @param temperature the calibration temperature (0.05 to 20; default 1)
         * @return this builder
         */
        public Builder optTemperature(double temperature) {
            return set("temperature", temperature);
        }

        /**
         * @param file a weight file's name ({@link ModelCard#parametersFile()} or {@link ModelCard#onnxFile()})
         * @param hex its SHA-256, 64 hex digits
         * @return this builder
         */
        public Builder optSha256(String file, String hex) {
            return put("sha256", file, hex);
        }

        /**
         * @param key a metric's name, such as {@code publicTest}
         * @param value its value (a number, or a map of numbers)
         * @return this builder
         */
        public Builder optMetric(String key, Object value) {
            return put("metrics", key, value);
        }

        /**
         * Checks the card and returns an immutable copy.
         *
         * @return the card
         * @throws ModelException naming a wrong value
         */
        public ModelCard build() {
            return read(json.deepCopy(), "'" + name() + "' as built");
        }
    }
}
