package dev.latent.models.psd;

import dev.latent.api.engine.Tensor;
import dev.latent.api.model.FilterImage;
import dev.latent.api.model.Parameter;

/**
 * The linear decoder of sparse coding: an operator D from codes z to signals D z whose atoms
 * (the signals of one-hot codes, up to translation for a convolutional one) are kept at unit
 * norm. {@link Fista} needs only {@link #apply} and its adjoint {@link #adjoint}; the PSD model
 * also needs the weight gradient to learn D.
 *
 * <p>Codes and signals are batches whose shapes the dictionary fixes ({@link #codeShape},
 * {@link #signalShape}): {@code [B, K]} and {@code [B, n]} for the dense dictionary,
 * {@code [B, K, H', W']} and {@code [B, 1, H, W]} for the convolutional one. Every method writes
 * into tensors the caller allocated; none may alias another argument. Not thread-safe.
 */
public interface Dictionary extends AutoCloseable {

    /** {@return the dictionary's weights as a trainable parameter} */
    Parameter parameter();

    /** {@return the shape of a batch of {@code batch} codes} */
    int[] codeShape(int batch);

    /** {@return the shape of a batch of {@code batch} signals} */
    int[] signalShape(int batch);

    /** out = D z for each sample of the batch (codes in {@link #codeShape}, out in {@link #signalShape}). */
    void apply(Tensor codes, Tensor out);

    /** out = D^T r for each sample of the batch: the adjoint of {@link #apply}. */
    void adjoint(Tensor signals, Tensor out);

    /**
     * Overwrites {@code out} (the weights' shape) with d/dD of sum over the batch of
     * {@code <gradSignals_i, D codes_i>}: the weight gradient of {@link #apply} for the output
     * gradient {@code gradSignals}. With codes squared and a constant output curvature, it is also
     * the Gauss-Newton diagonal of the weights (each weight's output is linear in it).
     */
    void weightGradient(Tensor codes, Tensor gradSignals, Tensor out);

    /** Rescales every atom to unit Euclidean norm (an atom of norm 0 stays 0). */
    void normalise();

    /** {@return the atoms as images for looking at} */
    FilterImage atoms();

    /** Releases the weights and the dictionary's buffers. */
    @Override
    void close();
}
