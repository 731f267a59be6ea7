package io.emojify.batch;

import java.util.List;

/**
 * What a batch will do: its jobs, in order, or why it is refused. Made by {@link BatchAnnotator#plan}.
 *
 * @param jobs one per image found, each image once, in the order given (a folder's images sorted)
 * @param refusals why nothing may be done; empty when the plan may run
 */
public record BatchPlan(List<BatchJob> jobs, List<Refusal> refusals) {

    /**
     * @param jobs the jobs
     * @param refusals the refusals
     */
    public BatchPlan {
        jobs = List.copyOf(jobs);
        refusals = List.copyOf(refusals);
    }

    /** @return whether the batch is refused (and must not run) */
    public boolean refused() {
        return !refusals.isEmpty();
    }
}
