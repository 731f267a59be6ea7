package io.emojify.track;

import io.emojify.AnnotatedFace;
import io.emojify.emoji.EmojiMapper;
import io.emojify.emotion.Emotion;
import io.emojify.emotion.EmotionScores;
import io.emojify.face.BoundingBox;
import io.emojify.face.Face;
import io.emojify.face.Landmarks;
import io.emojify.face.Point;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Follows faces across the frames of one video and steadies what is drawn: detections are associated with tracks by
 * overlap (or, failing that, by centre distance), each track's probabilities and box are smoothed with moving averages, its
 * emoji switches only when another emotion has clearly won for several frames (hysteresis), and a track the detector
 * misses for a frame or two is kept at its last place.
 *
 * <p>One tracker per stream; not thread-safe.
 */
public final class FaceTracker {

    private final TrackerSettings settings;
    private final EmojiMapper mapper;
    private final List<Track> tracks = new ArrayList<>();
    private int nextId = 1;

    /**
     * @param settings the settings
     * @param mapper maps the stable emotion to its emoji
     */
    public FaceTracker(TrackerSettings settings, EmojiMapper mapper) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /**
     * Takes one frame's detections and returns the faces to draw.
     *
     * @param detections the frame's annotated faces (for example from {@code Emojify.analyze})
     * @return the tracked faces, including ones kept while missed; ordered by track id
     */
    public List<TrackedFace> update(List<AnnotatedFace> detections) {
        List<int[]> pairs = new ArrayList<>();
        List<double[]> candidates = new ArrayList<>();
        for (int t = 0; t < tracks.size(); t++) {
            for (int d = 0; d < detections.size(); d++) {
                double cost = matchCost(tracks.get(t).box, detections.get(d).face().box());
                if (cost < Double.POSITIVE_INFINITY) {
                    candidates.add(new double[] {cost, t, d});
                }
            }
        }
        candidates.sort(Comparator.comparingDouble(c -> c[0]));
        boolean[] trackUsed = new boolean[tracks.size()];
        boolean[] detUsed = new boolean[detections.size()];
        for (double[] c : candidates) {
            int t = (int) c[1];
            int d = (int) c[2];
            if (!trackUsed[t] && !detUsed[d]) {
                trackUsed[t] = true;
                detUsed[d] = true;
                pairs.add(new int[] {t, d});
            }
        }
        for (int[] p : pairs) {
            tracks.get(p[0]).observe(detections.get(p[1]));
        }
        List<Track> kept = new ArrayList<>();
        for (int t = 0; t < tracks.size(); t++) {
            Track track = tracks.get(t);
            if (!trackUsed[t]) {
                track.missed++;
                track.age++;
            }
            if (track.missed <= settings.maxMissedFrames()) {
                kept.add(track);
            }
        }
        tracks.clear();
        tracks.addAll(kept);
        for (int d = 0; d < detections.size(); d++) {
            if (!detUsed[d]) {
                tracks.add(new Track(nextId++, detections.get(d)));
            }
        }
        List<TrackedFace> out = new ArrayList<>();
        for (Track t : tracks) {
            out.add(t.toTrackedFace());
        }
        out.sort(Comparator.comparingInt(TrackedFace::trackId));
        return out;
    }

    /** Forgets every track (for example at a scene cut). */
    public void reset() {
        tracks.clear();
    }

    private double matchCost(BoundingBox track, BoundingBox det) {
        double iou = track.iou(det);
        if (iou >= settings.minIou()) {
            return 1 - iou;
        }
        double side = Math.max(1, Math.max(track.width(), track.height()));
        double shift = Math.hypot(track.center().x() - det.center().x(), track.center().y() - det.center().y()) / side;
        double sizeRatio = Math.max(track.area(), det.area()) / Math.max(1e-9, Math.min(track.area(), det.area()));
        if (shift <= settings.maxCentreShift() && sizeRatio < 2.5) {
            return 1 + shift;
        }
        return Double.POSITIVE_INFINITY;
    }

    private final class Track {
        final int id;
        BoundingBox box;
        Landmarks landmarks;
        double score;
        float[] probabilities;
        Emotion shown;
        int challengerFrames;
        int missed;
        int age;

        Track(int id, AnnotatedFace first) {
            this.id = id;
            this.box = first.face().box();
            this.landmarks = first.face().landmarks();
            this.score = first.face().score();
            this.probabilities = first.scores().toArray();
            this.shown = first.scores().top();
            this.age = 1;
        }

        void observe(AnnotatedFace f) {
            double a = settings.boxSmoothing();
            BoundingBox b = f.face().box();
            box = new BoundingBox(mix(box.x(), b.x(), a), mix(box.y(), b.y(), a), mix(box.width(), b.width(), a),
                    mix(box.height(), b.height(), a));
            Landmarks l = f.face().landmarks();
            landmarks = l == null || landmarks == null ? l : new Landmarks(mix(landmarks.leftEye(), l.leftEye(), a),
                    mix(landmarks.rightEye(), l.rightEye(), a), mix(landmarks.nose(), l.nose(), a),
                    mix(landmarks.mouthLeft(), l.mouthLeft(), a), mix(landmarks.mouthRight(), l.mouthRight(), a));
            score = f.face().score();
            float p = (float) settings.probabilitySmoothing();
            float[] now = f.scores().toArray();
            double sum = 0;
            for (int i = 0; i < probabilities.length; i++) {
                probabilities[i] = (1 - p) * probabilities[i] + p * now[i];
                sum += probabilities[i];
            }
            for (int i = 0; i < probabilities.length; i++) {
                probabilities[i] /= (float) sum;
            }
            Emotion leader = EmotionScores.of(probabilities).top();
            if (leader != shown
                    && probabilities[leader.index()] - probabilities[shown.index()] >= settings.switchMargin()) {
                challengerFrames++;
                if (challengerFrames >= settings.switchFrames()) {
                    shown = leader;
                    challengerFrames = 0;
                }
            } else {
                challengerFrames = 0;
            }
            missed = 0;
            age++;
        }

        TrackedFace toTrackedFace() {
            EmotionScores scores = EmotionScores.of(probabilities);
            AnnotatedFace face = new AnnotatedFace(new Face(box, score, landmarks), scores, shown,
                    mapper.map(shown, scores));
            return new TrackedFace(id, face, missed, age);
        }
    }

    private static double mix(double old, double now, double a) {
        return (1 - a) * old + a * now;
    }

    private static Point mix(Point old, Point now, double a) {
        return new Point(mix(old.x(), now.x(), a), mix(old.y(), now.y(), a));
    }
}
