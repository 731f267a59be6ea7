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
 * overlap with where each track is expected at the frame's time (or, failing that, by centre distance), each track's
 * probabilities and box are smoothed with moving averages, its emoji switches only when another emotion has clearly won
 * for several frames (hysteresis), and a track the detector misses for a frame or two is kept at its last place.
 *
 * <p>Each track also has a velocity: its box centre follows the detections with an alpha-beta filter (the centre is
 * predicted from the velocity and corrected by {@link TrackerSettings#boxSmoothing()} of the difference, and the velocity
 * is a moving average, with the same weight, of the detections' own motion), so that a moving face's smoothed box does
 * not lag behind it and can be moved to a later time ({@link TrackedFace#movedBy(double)}). Velocities are in pixels per
 * second of the times given to {@link #update(List, long)}; {@link #update(List)} counts each call as one second, so
 * its velocities are in pixels per frame.
 *
 * <p>One tracker per stream; not thread-safe. Applications normally use it through {@code io.emojify.live}, which
 * tracks for them.
 */
public final class FaceTracker {

    private final TrackerSettings settings;
    private final EmojiMapper mapper;
    private final List<Track> tracks = new ArrayList<>();
    private int nextId = 1;
    /** The previous frame's time; {@link Long#MIN_VALUE} before the first. */
    private long lastNanos = Long.MIN_VALUE;

    private static final long SECOND = 1_000_000_000L;

    /**
     * @param settings the settings
     * @param mapper maps the stable emotion to its emoji
     */
    public FaceTracker(TrackerSettings settings, EmojiMapper mapper) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /**
     * Takes the next frame's detections, one second after the previous frame (velocities are then per frame), and returns
     * the faces to draw.
     *
     * @param detections the frame's annotated faces (for example from {@code Emojify.analyze})
     * @return the tracked faces, including ones kept while missed; ordered by track id
     */
    public List<TrackedFace> update(List<AnnotatedFace> detections) {
        return update(detections, lastNanos == Long.MIN_VALUE ? 0 : lastNanos + SECOND);
    }

    /**
     * Takes one frame's detections and returns the faces to draw.
     *
     * @param detections the frame's annotated faces (for example from {@code Emojify.analyze})
     * @param frameNanos when the frame was captured (any clock, such as {@link System#nanoTime()}, the same for every
     *     call); frames must come in time order
     * @return the tracked faces, including ones kept while missed; ordered by track id
     * @throws IllegalArgumentException if the frame is older than the previous one
     */
    public List<TrackedFace> update(List<AnnotatedFace> detections, long frameNanos) {
        if (frameNanos < lastNanos) {
            throw new IllegalArgumentException("Frames must come in time order: " + frameNanos + " ns is before the "
                    + "previous frame's " + lastNanos + " ns");
        }
        lastNanos = frameNanos;
        List<int[]> pairs = new ArrayList<>();
        List<double[]> candidates = new ArrayList<>();
        for (int t = 0; t < tracks.size(); t++) {
            BoundingBox expected = tracks.get(t).expectedAt(frameNanos);
            for (int d = 0; d < detections.size(); d++) {
                double cost = matchCost(expected, detections.get(d).face().box());
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
            tracks.get(p[0]).observe(detections.get(p[1]), frameNanos);
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
                tracks.add(new Track(nextId++, detections.get(d), frameNanos));
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
        /** Velocity of the box centre in pixels per second, and whether one has been measured yet. */
        double vx;
        double vy;
        boolean moving;
        /** When the track was last seen, and the centre of that detection as the detector gave it. */
        long seenNanos;
        Point seenCentre;

        Track(int id, AnnotatedFace first, long nanos) {
            this.id = id;
            this.box = first.face().box();
            this.landmarks = first.face().landmarks();
            this.seenNanos = nanos;
            this.seenCentre = box.center();
            this.score = first.face().score();
            this.probabilities = first.scores().toArray();
            this.shown = first.scores().top();
            this.age = 1;
        }

        /** The smoothed box moved by the velocity to a time. */
        BoundingBox expectedAt(long nanos) {
            double dt = (nanos - seenNanos) / 1e9;
            return new BoundingBox(box.x() + vx * dt, box.y() + vy * dt, box.width(), box.height());
        }

        void observe(AnnotatedFace f, long nanos) {
            double a = settings.boxSmoothing();
            double dt = (nanos - seenNanos) / 1e9;
            BoundingBox b = f.face().box();
            // alpha-beta: the centre predicted from the velocity, then corrected towards the detection
            Point predicted = new Point(box.center().x() + vx * dt, box.center().y() + vy * dt);
            double w = mix(box.width(), b.width(), a);
            double h = mix(box.height(), b.height(), a);
            double cx = mix(predicted.x(), b.center().x(), a);
            double cy = mix(predicted.y(), b.center().y(), a);
            Landmarks l = f.face().landmarks();
            if (l == null || landmarks == null) {
                landmarks = l;
            } else {
                // the landmarks keep their smoothed place relative to the box centre, so they move with it
                Point old = box.center();
                Point now = b.center();
                landmarks = new Landmarks(relative(landmarks.leftEye(), old, l.leftEye(), now, cx, cy, a),
                        relative(landmarks.rightEye(), old, l.rightEye(), now, cx, cy, a),
                        relative(landmarks.nose(), old, l.nose(), now, cx, cy, a),
                        relative(landmarks.mouthLeft(), old, l.mouthLeft(), now, cx, cy, a),
                        relative(landmarks.mouthRight(), old, l.mouthRight(), now, cx, cy, a));
            }
            box = new BoundingBox(cx - w / 2, cy - h / 2, w, h);
            if (dt > 0) {
                double rx = (b.center().x() - seenCentre.x()) / dt;
                double ry = (b.center().y() - seenCentre.y()) / dt;
                vx = moving ? mix(vx, rx, a) : rx;
                vy = moving ? mix(vy, ry, a) : ry;
                moving = true;
            }
            seenNanos = nanos;
            seenCentre = b.center();
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
            return new TrackedFace(id, face, missed, age, vx, vy, seenNanos);
        }
    }

    private static double mix(double old, double now, double a) {
        return (1 - a) * old + a * now;
    }

    /** A landmark's offset from its box centre, smoothed, placed at the new centre. */
    private static Point relative(Point old, Point oldCentre, Point now, Point nowCentre, double cx, double cy,
            double a) {
        return new Point(cx + mix(old.x() - oldCentre.x(), now.x() - nowCentre.x(), a),
                cy + mix(old.y() - oldCentre.y(), now.y() - nowCentre.y(), a));
    }
}
