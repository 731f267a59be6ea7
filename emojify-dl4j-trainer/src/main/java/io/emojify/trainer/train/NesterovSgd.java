package io.emojify.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SGD with Nesterov momentum and L2 weight decay, in PyTorch's formulation ({@code torch.optim.SGD(nesterov=True)}):
 * {@code g = grad + wd*w; v = mu*v + g; w -= lr*(g + mu*v)}.
 *
 * <p>DJL's {@code Optimizer.nag()} is not implemented on the PyTorch engine ({@code PtNDArrayEx.nagUpdate} throws), so the
 * trainer keeps its own. The momentum buffers are part of a checkpoint, so a resumed run continues exactly. Not thread-safe.
 */
public final class NesterovSgd implements AutoCloseable {

    private final float momentum;
    private final float weightDecay;
    private final Map<String, NDArray> velocity = new LinkedHashMap<>();
    private final NDManager manager;

    /**
     * Creates the optimizer.
     *
     * @param manager owns the momentum buffers
     * @param momentum the momentum (0.9 in the paper)
     * @param weightDecay the L2 weight decay (1e-4 in the paper)
     */
    public NesterovSgd(NDManager manager, float momentum, float weightDecay) {
        this.manager = manager.newSubManager();
        this.momentum = momentum;
        this.weightDecay = weightDecay;
    }

    /**
     * Applies one update in place.
     *
     * @param id the parameter's name
     * @param weight the parameter
     * @param grad its gradient
     * @param lr the learning rate
     */
    public void update(String id, NDArray weight, NDArray grad, float lr) {
        // Every temporary is closed here: arrays made by an operation belong to its operand's manager (here the model's),
        // which lives for the whole run, so leaving them would leak native memory on every step.
        NDArray g = grad.duplicate();
        if (weightDecay != 0) {
            NDArray decay = weight.mul(weightDecay);
            g.addi(decay);
            decay.close();
        }
        NDArray v = velocity.get(id);
        if (v == null) {
            // the buffer outlives this step: it belongs to the optimizer, not to the gradient's manager
            v = g.duplicate();
            v.attach(manager);
            velocity.put(id, v);
        } else {
            v.muli(momentum).addi(g);
        }
        NDArray look = v.mul(momentum);
        g.addi(look).muli(lr);
        look.close();
        weight.subi(g);
        g.close();
    }

    /**
     * Returns the momentum buffers in a stable order, for a checkpoint.
     *
     * @return the names and buffers
     */
    public NDList state() {
        NDList list = new NDList();
        for (Map.Entry<String, NDArray> e : velocity.entrySet()) {
            NDArray v = e.getValue();
            v.setName(e.getKey());
            list.add(v);
        }
        return list;
    }

    /**
     * Restores the momentum buffers from a checkpoint.
     *
     * @param saved the buffers written by {@link #state()}
     * @param names their names, in the same order
     */
    public void restore(NDList saved, List<String> names) {
        velocity.values().forEach(NDArray::close);
        velocity.clear();
        for (int i = 0; i < saved.size(); i++) {
            NDArray v = saved.get(i).duplicate();
            v.attach(manager);
            velocity.put(names.get(i), v);
            // restored buffers live in this optimizer's manager and are closed with it
        }
    }

    /**
     * Returns the names of the buffers in {@link #state()} order.
     *
     * @return the parameter names
     */
    public List<String> names() {
        return List.copyOf(velocity.keySet());
    }

    /** Frees the momentum buffers, new and restored alike. */
    @Override
    public void close() {
        manager.close();
    }
}
