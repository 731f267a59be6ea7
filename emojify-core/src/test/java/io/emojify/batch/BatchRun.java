package io.emojify.batch;

import io.emojify.AnnotatedFace;
import io.emojify.Emojify;
import io.emojify.testing.FixedFaceDetector;
import io.emojify.testing.MeanBrightnessClassifier;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a {@link BatchAnnotator} for tests, as {@code emojify annotate} does (check the output folder, plan, run unless
 * refused or empty), with the test pipeline, and keeps what it was told.
 */
final class BatchRun implements BatchListener {

    final List<String> problems = new ArrayList<>();
    final List<Throwable> causes = new ArrayList<>();
    final List<BatchJob> done = new ArrayList<>();
    BatchPlan plan;
    /** Null when the plan was refused or empty. */
    BatchResult result;

    private BatchRun() {}

    /**
     * @param out the output folder, or null to write nothing
     * @param overwrite whether existing results are replaced
     * @param inputs the files and folders
     * @return what happened
     * @throws BatchException if the output folder cannot be used
     */
    static BatchRun run(Path out, boolean overwrite, Path... inputs) {
        BatchRun r = new BatchRun();
        BatchAnnotator.Builder b = BatchAnnotator.builder().optOverwrite(overwrite).optListener(r);
        if (out != null) {
            b.optOutputFolder(out);
        }
        BatchAnnotator annotator = b.build();
        annotator.prepareOutputFolder();
        r.plan = annotator.plan(List.of(inputs));
        if (!r.plan.refused() && !r.plan.jobs().isEmpty()) {
            try (Emojify emojify = Emojify.builder().optFaceDetector(new FixedFaceDetector())
                    .optEmotionClassifier(new MeanBrightnessClassifier()).build()) {
                r.result = annotator.run(r.plan, emojify);
            }
        }
        return r;
    }

    /** @return the outcome as {@code emojify annotate}'s exit code says it: 0 all done, 1 problems, 2 refused */
    int code() {
        return plan.refused() ? 2 : result != null && problems.isEmpty() ? 0 : 1;
    }

    /** @return the refusals' lines */
    List<String> refusals() {
        return plan.refusals().stream().map(Refusal::message).toList();
    }

    @Override
    public void problem(String message, Throwable cause) {
        problems.add(message);
        causes.add(cause);
    }

    @Override
    public void done(BatchJob job, BufferedImage image, List<AnnotatedFace> faces) {
        done.add(job);
    }

    @Override
    public String toString() {
        return "plan " + plan + ", result " + result + ", problems " + problems;
    }
}
