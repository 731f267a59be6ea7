package io.emojify.server;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.emojify.AnnotatedFace;
import io.emojify.emotion.Emotion;
import io.emojify.face.BoundingBox;
import io.emojify.face.Point;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON form of annotated faces, the one used by both {@code emojify annotate --json} and the server's API: per image
 * {@code {"file"?, "width", "height", "faces": [...]}}, per face {@code {"box": {x, y, width, height}, "score",
 * "landmarks"?: [[x, y] x5], "emotion", "probabilities": {label: p, ...}, "emoji": {"text", "codepoint"}}}.
 *
 * <p>The maps keep their keys in that order; {@link #toJson(Object)} writes them (emoji text as UTF-8, not escaped).
 * Stateless and thread-safe.
 */
public final class FaceJson {

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private FaceJson() {}

    /**
     * One image's faces.
     *
     * @param file the image's name, or null to leave the {@code file} key out
     * @param width the image's width in pixels
     * @param height the image's height in pixels
     * @param faces its faces
     * @return the JSON object, as ordered maps and lists
     */
    public static Map<String, Object> image(String file, int width, int height, List<AnnotatedFace> faces) {
        Map<String, Object> o = new LinkedHashMap<>();
        if (file != null) {
            o.put("file", file);
        }
        o.put("width", width);
        o.put("height", height);
        List<Object> list = new ArrayList<>(faces.size());
        for (AnnotatedFace f : faces) {
            list.add(face(f));
        }
        o.put("faces", list);
        return o;
    }

    /**
     * One face.
     *
     * @param f the face
     * @return the JSON object, as an ordered map (the caller may add keys)
     */
    public static Map<String, Object> face(AnnotatedFace f) {
        Map<String, Object> face = new LinkedHashMap<>();
        BoundingBox b = f.face().box();
        Map<String, Object> box = new LinkedHashMap<>();
        box.put("x", b.x());
        box.put("y", b.y());
        box.put("width", b.width());
        box.put("height", b.height());
        face.put("box", box);
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
        return face;
    }

    /**
     * Writes a JSON value on one line.
     *
     * @param value maps, lists, strings, numbers
     * @return the JSON text
     */
    public static String toJson(Object value) {
        return GSON.toJson(value);
    }
}
