package dev.latent.models.layer;

import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import java.util.HashMap;
import java.util.Map;

/**
 * A layer's reusable buffer of shape {@code [rows, columns]}, one per distinct batch size seen
 * (a run sees a few: the batch size and the sizes of the last, partial batches), so that
 * steps after the first allocate nothing.
 */
public final class BatchBuffer implements AutoCloseable {

    private final Engine engine;
    private final DType dtype;
    private final int columns;
    private final Map<Integer, Tensor> byRows = new HashMap<>();

    public BatchBuffer(Engine engine, DType dtype, int columns) {
        this.engine = engine;
        this.dtype = dtype;
        this.columns = columns;
    }

    /** The buffer for a batch of {@code rows}, allocated the first time that size is seen. */
    public Tensor get(int rows) {
        return byRows.computeIfAbsent(rows, r -> engine.zeros(dtype, r, columns));
    }

    @Override
    public void close() {
        byRows.values().forEach(Tensor::close);
        byRows.clear();
    }
}
