package io.emojify.djl;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.translate.Translator;
import io.emojify.spi.CallGuard;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A loaded DJL model shared by many threads: DJL predictors are not thread-safe, so each call borrows one from a pool (a
 * new one is made when all are busy) and gives it back. Calls and {@link #close()} are kept apart by a {@link CallGuard}:
 * closing waits for the calls in progress, then frees the predictors and the model's native memory once; a call after it
 * fails with the owner's "closed" error. Thread-safe.
 *
 * @param <I> the predictor's input
 * @param <O> the predictor's output
 */
public final class PredictorPool<I, O> implements AutoCloseable {

    private final Model model;
    private final Translator<I, O> translator;
    private final ConcurrentLinkedQueue<Predictor<I, O>> pool = new ConcurrentLinkedQueue<>();
    private final CallGuard guard;

    /**
     * @param model the loaded model, closed by {@link #close()}
     * @param translator the predictors' translator
     * @param closedError makes the error a call after {@link #close()} throws
     */
    public PredictorPool(Model model, Translator<I, O> translator, Supplier<? extends RuntimeException> closedError) {
        this.model = Objects.requireNonNull(model, "model");
        this.translator = Objects.requireNonNull(translator, "translator");
        this.guard = new CallGuard(closedError);
    }

    /**
     * Runs a call with a predictor of its own.
     *
     * @param <T> what the call returns
     * @param call uses the predictor (and turns its failures into the owner's error)
     * @return what the call returned
     */
    public <T> T use(Function<Predictor<I, O>, T> call) {
        return guard.call(() -> {
            Predictor<I, O> p = pool.poll();
            if (p == null) {
                p = model.newPredictor(translator);
            }
            try {
                return call.apply(p);
            } finally {
                pool.offer(p); // close() cannot run before the call is over, and it empties the pool
            }
        });
    }

    /** @return the model (for the owner's own set-up runs; closed with this pool) */
    public Model model() {
        return model;
    }

    /** Waits for the calls in progress, then closes the predictors and the model; safe to call twice. */
    @Override
    public void close() {
        guard.close(() -> {
            Predictor<I, O> p;
            while ((p = pool.poll()) != null) {
                p.close();
            }
            model.close();
        });
    }
}
