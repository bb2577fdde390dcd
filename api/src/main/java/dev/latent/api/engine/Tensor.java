package dev.latent.api.engine;

import java.util.Arrays;

/**
 * A dense, row-major (C order) array of numbers owned by one {@link Engine}.
 *
 * <p>A tensor is a handle: all arithmetic goes through its engine's methods, which write into
 * tensors the caller allocated, so that a training step allocates nothing. Tensors are not
 * thread-safe. A temporary made by {@link Scope#zeros} is valid only until that scope closes;
 * one made by {@link Engine#zeros} lives until {@link #close()} or until the engine closes.
 */
public interface Tensor extends AutoCloseable {

    /** The element type. */
    DType dtype();

    /** The shape, outermost dimension first (a copy). */
    int[] shape();

    /** The number of elements: the product of the shape. */
    long size();

    /** The size of dimension 0, the batch dimension by convention. */
    default int rows() {
        return shape()[0];
    }

    /** The number of elements per row: {@code size() / rows()}. */
    default int columns() {
        return (int) (size() / rows());
    }

    /** Copies the elements out to a new array, in row-major order. */
    double[] toDoubleArray();

    /** Copies the elements out to a new array, in row-major order, rounding to float. */
    float[] toFloatArray();

    /**
     * Releases the native memory early; using the tensor afterwards is an error. Closing a
     * tensor again has no effect, so that an object sharing layers with another (a stacked
     * autoencoder's pretraining stages) may close what it holds without tracking ownership.
     */
    @Override
    void close();

    /** Formats a shape as {@code [128, 784]} for messages. */
    static String describe(int... shape) {
        return Arrays.toString(shape);
    }
}
