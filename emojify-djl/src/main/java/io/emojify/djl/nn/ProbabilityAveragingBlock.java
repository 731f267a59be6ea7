package io.emojify.djl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import java.util.List;

/**
 * An ensemble of emotion networks in one block: every member sees the same input, and the output is the logarithm of the
 * mean of the members' softmax probabilities. A softmax over this output gives exactly that mean, so an ensemble is used
 * like any single network (one forward pass, {@code [N, 7]} scores). The members are trained separately; their
 * parameters are stored one after the other in member order.
 */
public final class ProbabilityAveragingBlock extends ParallelBlock {

    /**
     * Creates the ensemble.
     *
     * @param members the member networks, each taking the same input and returning {@code [N, 7]} logits
     * @throws IllegalArgumentException if there are fewer than two members
     */
    public ProbabilityAveragingBlock(List<Block> members) {
        super(ProbabilityAveragingBlock::logMeanSoftmax, checked(members));
    }

    private static List<Block> checked(List<Block> members) {
        if (members == null || members.size() < 2) {
            throw new IllegalArgumentException("An ensemble needs at least two members, got "
                    + (members == null ? "none" : members.size()));
        }
        return members;
    }

    private static NDList logMeanSoftmax(List<NDList> outputs) {
        NDArray sum = null;
        for (NDList out : outputs) {
            NDArray p = out.singletonOrThrow().softmax(1);
            sum = sum == null ? p : sum.add(p);
        }
        return new NDList(sum.div(outputs.size()).log());
    }
}
