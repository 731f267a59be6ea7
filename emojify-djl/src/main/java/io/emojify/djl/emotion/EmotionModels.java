package io.emojify.djl.emotion;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import io.emojify.djl.Engines;
import io.emojify.djl.model.EmotionModel;
import io.emojify.emotion.EmotionClassifier;
import io.emojify.emotion.EmotionModelName;
import io.emojify.emotion.FaceViews;
import io.emojify.model.ModelException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The emotion models by name ({@link EmotionModelName}): {@code compact}, shipped in this jar, and {@code accurate},
 * shipped in its own artifact so that applications that do not want its 60 MB never download it.
 *
 * <p>The accurate model's artifact holds, under {@value #ACCURATE_RESOURCE}, an ensemble card ({@value #ENSEMBLE_FILE}:
 * its members, the views each is shown, what was measured and how it was made) and a model folder per member that is not
 * the shipped compact model. Its weights are in half precision; each engine reads them as it needs (see
 * {@link io.emojify.djl.nn.HalfPrecisionParameters}).
 */
public final class EmotionModels {

    /** The Maven coordinates of the accurate model's artifact. */
    public static final String ACCURATE_ARTIFACT = "io.emojify:emojify-model-accurate";
    /** The class-path folder of the accurate model. */
    public static final String ACCURATE_RESOURCE = "/io/emojify/models/accurate/";
    /** The ensemble card's file name. */
    public static final String ENSEMBLE_FILE = "ensemble.json";
    /** The system property naming the model when the application names none. */
    public static final String PROPERTY = "emojify.emotionModel";

    private static final Gson GSON = new Gson();
    /** Member folders extracted from the class path, once per JVM. */
    private static final Map<String, EmotionModel> EXTRACTED = new ConcurrentHashMap<>();

    private EmotionModels() {}

    /** An ensemble card as the library reads it (the rest of the file is for people). */
    record EnsembleCard(String name, List<Member> members, Double temperature) {}

    /** A member: {@code compact} (the shipped model) or a folder beside the card, and its views. */
    record Member(String model, String views) {}

    /**
     * Resolves a model name: the given one, else {@code -D}{@value #PROPERTY}, else {@code compact}.
     *
     * @param name a name, or null
     * @return the name in lower case
     * @throws ModelException naming the choices, if it is none of {@link EmotionModelName#all()}
     */
    public static String resolve(String name) {
        String n = name != null ? name : System.getProperty(PROPERTY, EmotionModelName.COMPACT);
        String lower = n.trim().toLowerCase(Locale.ROOT);
        if (!EmotionModelName.all().contains(lower)) {
            throw new ModelException("Unknown emotion model '" + n + "'; use " + String.join(" or ", EmotionModelName.all()));
        }
        return lower;
    }

    /**
     * Loads a model by name.
     *
     * @param name {@code compact} or {@code accurate} (null: {@link #resolve}'s default)
     * @param engine {@code PyTorch} or {@code OnnxRuntime} (null: {@link Engines#emotionEngine()})
     * @return the classifier, the caller's to close
     * @throws ModelException for an unknown name, or {@code accurate} without its artifact (naming the artifact)
     */
    public static EmotionClassifier classifier(String name, String engine) {
        String model = resolve(name);
        String e = engine == null ? Engines.emotionEngine() : engine;
        if (EmotionModelName.COMPACT.equals(model)) {
            return new DjlEmotionClassifier(EmotionModel.embedded(), e);
        }
        return ensemble(ACCURATE_RESOURCE, e);
    }

    /** @return whether the accurate model's artifact is on the class path */
    public static boolean accurateAvailable() {
        return EmotionModels.class.getResource(ACCURATE_RESOURCE + ENSEMBLE_FILE) != null;
    }

    private static EmotionClassifier ensemble(String folder, String engine) {
        EnsembleCard card = readCard(folder);
        List<EmotionClassifier> members = new ArrayList<>();
        try {
            for (Member m : card.members()) {
                FaceViews views = FaceViews.parse(m.views());
                EmotionModel model = EmotionModelName.COMPACT.equals(m.model()) ? EmotionModel.embedded()
                        : EXTRACTED.computeIfAbsent(folder + m.model() + "/", f -> EmotionModel.fromClassPath(f,
                                "The emotion model at " + folder + " lacks its member " + m.model()));
                members.add(DjlEmotionClassifier.builder().optModel(model).optEngine(engine).optViews(views).build());
            }
            return new EnsembleEmotionClassifier(card.name(), members,
                    card.temperature() == null ? 1 : card.temperature());
        } catch (RuntimeException ex) {
            members.forEach(EmotionClassifier::close);
            if (ex instanceof ModelException me) {
                throw me;
            }
            throw new ModelException("Cannot load the emotion model at " + folder + ": " + ex.getMessage(), ex);
        }
    }

    private static EnsembleCard readCard(String folder) {
        try (InputStream in = EmotionModels.class.getResourceAsStream(folder + ENSEMBLE_FILE)) {
            if (in == null) {
                throw new ModelException("The emotion model '" + EmotionModelName.ACCURATE + "' is not on the class path: "
                        + "add the artifact " + ACCURATE_ARTIFACT + " (about 60 MB) beside emojify-djl");
            }
            EnsembleCard card = GSON.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8), EnsembleCard.class);
            if (card == null || card.name() == null || card.members() == null || card.members().isEmpty()) {
                throw new ModelException(folder + ENSEMBLE_FILE + " names no members");
            }
            for (Member m : card.members()) {
                if (m == null || m.model() == null || !m.model().matches("[a-z0-9-]+")) {
                    throw new ModelException(folder + ENSEMBLE_FILE + ": member " + m + " must name a model folder");
                }
            }
            return card;
        } catch (IOException | JsonParseException e) {
            throw new ModelException("Cannot read " + folder + ENSEMBLE_FILE + ": " + e.getMessage(), e);
        }
    }
}
