package dev.latent.launcher.train;

import dev.latent.api.data.DataSplit;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import java.util.HashMap;
import java.util.Map;

/**
 * Copies batches of a split into engine tensors that are allocated once per batch size: a
 * host array and a tensor for the full batch and one for the last, partial batch.
 */
public final class BatchLoader implements AutoCloseable {

    private final Engine engine;
    private final DType dtype;
    private final DataSplit split;
    private final Map<Integer, Tensor> tensors = new HashMap<>();
    private final Map<Integer, float[]> host = new HashMap<>();

    public BatchLoader(Engine engine, DType dtype, DataSplit split) {
        this.engine = engine;
        this.dtype = dtype;
        this.split = split;
    }

    /** The samples order[from .. from + n) as a tensor [n, sampleSize], valid until the next call with n. */
    public Tensor load(int[] order, int from, int n) {
        float[] buffer = host.computeIfAbsent(n, k -> new float[k * split.sampleSize()]);
        split.copySamples(order, from, n, buffer);
        Tensor t = tensors.computeIfAbsent(n, k -> engine.zeros(dtype, k, split.sampleSize()));
        engine.assign(t, buffer);
        return t;
    }

    @Override
    public void close() {
        tensors.values().forEach(Tensor::close);
        tensors.clear();
    }
}
