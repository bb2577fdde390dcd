package dev.latent.models.layer;

import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * One side of a layer's move between shapes (rank-2 rows and rank-4 images, for
 * {@link SpatialLayer}): a tensor's elements under the other shape. Where the engine can share
 * memory ({@link Engine#view}) this is a view, made once per tensor (a layer sees the same
 * tensors every step, the buffers of its neighbours); elsewhere a copy into a buffer of the
 * other shape, made on every call.
 */
final class Reshaped {

    private final Engine engine;
    private final IntFunction<int[]> shape;
    private final IntFunction<Tensor> buffer;
    private Tensor lastSource;
    private Tensor lastView;

    /**
     * @param shape   the other shape for a batch of n rows
     * @param buffer  where to copy a batch of n rows when the engine cannot share memory
     */
    Reshaped(Engine engine, IntFunction<int[]> shape, IntFunction<Tensor> buffer) {
        this.engine = engine;
        this.shape = shape;
        this.buffer = buffer;
    }

    /** {@code t}'s elements in the other shape, valid until the next call. */
    Tensor of(Tensor t) {
        if (t == lastSource) {
            return lastView;
        }
        int n = t.rows();
        Optional<Tensor> view = engine.view(t, shape.apply(n));
        if (view.isPresent()) {
            lastSource = t;
            lastView = view.get();
            return lastView;
        }
        Tensor copy = buffer.apply(n);
        engine.copy(t, copy);
        return copy;
    }

    /** Forgets the last view (its source is being closed). */
    void clear() {
        lastSource = null;
        lastView = null;
    }
}
