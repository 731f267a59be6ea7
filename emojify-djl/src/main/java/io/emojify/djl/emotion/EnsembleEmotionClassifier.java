package io.emojify.djl.emotion;

import io.emojify.emotion.Emotion;
import io.emojify.emotion.EmotionClassificationException;
import io.emojify.emotion.EmotionClassifier;
import io.emojify.emotion.EmotionScores;
import io.emojify.face.Face;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Several emotion classifiers as one: each face's probabilities are the mean of the members' (each member calibrated by
 * its own card and shown its own views of the face). The accurate model is such an ensemble.
 *
 * <p>Thread-safe when its members are. It owns its members: {@link #close()} closes each once.
 */
public final class EnsembleEmotionClassifier implements EmotionClassifier {

    private final String name;
    private final List<EmotionClassifier> members;
    private final double temperature;
    private boolean closed;

    /**
     * @param name the ensemble's name, for logs and results
     * @param members the members (at least one), handed over: closed with the ensemble
     * @param temperature calibrates the mean: each probability is raised to {@code 1/temperature} and the seven
     *     normalised again (1 leaves the mean as it is)
     */
    public EnsembleEmotionClassifier(String name, List<? extends EmotionClassifier> members, double temperature) {
        if (members == null || members.isEmpty()) {
            throw new IllegalArgumentException("An ensemble needs at least one member");
        }
        if (!(temperature >= 0.05 && temperature <= 20)) {
            throw new IllegalArgumentException("The ensemble's temperature is " + temperature + ", expected 0.05 to 20");
        }
        this.temperature = temperature;
        this.members = List.copyOf(members);
        this.name = Objects.requireNonNull(name, "name") + " ("
                + this.members.stream().map(EmotionClassifier::name).collect(Collectors.joining(" + ")) + ")";
    }

    @Override
    public List<EmotionScores> classify(BufferedImage image, List<Face> faces) {
        if (ClassifyArguments.nothingToClassify(image, faces)) {
            return List.of();
        }
        float[][] sum = new float[faces.size()][Emotion.values().length];
        for (EmotionClassifier member : members) {
            List<EmotionScores> scores = member.classify(image, faces);
            if (scores.size() != faces.size()) {
                throw new EmotionClassificationException(member.name() + " gave " + scores.size() + " scores for "
                        + faces.size() + " faces");
            }
            for (int i = 0; i < sum.length; i++) {
                float[] p = scores.get(i).toArray();
                for (int c = 0; c < p.length; c++) {
                    sum[i][c] += p[c] / members.size();
                }
            }
        }
        List<EmotionScores> out = new ArrayList<>(sum.length);
        for (float[] p : sum) {
            out.add(EmotionScores.of(calibrated(p)));
        }
        return out;
    }

    /**
     * Calibrates a mean of the members' probabilities by the ensemble's temperature.
     *
     * @param mean the seven mean probabilities
     * @return the calibrated probabilities (the same array when the temperature is 1)
     */
    public float[] calibrated(float[] mean) {
        if (temperature == 1) {
            return mean;
        }
        double total = 0;
        double[] q = new double[mean.length];
        for (int c = 0; c < q.length; c++) {
            q[c] = Math.pow(Math.max(mean[c], 1e-30), 1 / temperature);
            total += q[c];
        }
        float[] p = new float[q.length];
        for (int c = 0; c < q.length; c++) {
            p[c] = (float) (q[c] / total);
        }
        return p;
    }

    /** @return the temperature that calibrates the members' mean */
    public double temperature() {
        return temperature;
    }

    /** @return the members, in order */
    public List<EmotionClassifier> members() {
        return members;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException first = null;
        for (EmotionClassifier member : members) {
            try {
                member.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
