package dev.latent.models.layer;

import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import java.util.HashMap;
import java.util.Map;

/**
 * A layer's reusable NCHW buffer of shape {@code [rows, channels, height, width]}, one per
 * distinct batch size seen, as {@link BatchBuffer} is for matrices: steps after the first
 * allocate nothing.
 */
public final class ImageBuffer implements AutoCloseable {

    private final Engine engine;
    private final DType dtype;
    private final int channels;
    private final int height;
    private final int width;
    private final Map<Integer, Tensor> byRows = new HashMap<>();

    public ImageBuffer(Engine engine, DType dtype, int channels, int height, int width) {
        this.engine = engine;
        this.dtype = dtype;
        this.channels = channels;
        this.height = height;
        this.width = width;
    }

    /** The buffer for a batch of {@code rows}, allocated the first time that size is seen. */
    public Tensor get(int rows) {
        return byRows.computeIfAbsent(rows, r -> engine.zeros(dtype, r, channels, height, width));
    }

    @Override
    public void close() {
        byRows.values().forEach(Tensor::close);
        byRows.clear();
    }
}
