package dev.latent.models.ae;

import dev.latent.api.engine.Tensor;

/**
 * A penalty on an autoencoder's code, added to the reconstruction loss: for example the
 * sparsity penalty of a sparse autoencoder ({@link L1Sparsity}, {@link KlSparsity}).
 *
 * <p>The code is a rank-2 tensor {@code [batch, codeSize]}; the penalty is a function of the
 * whole batch (averaged over it, so that it has the scale of a per-sample penalty). Call order:
 * {@link #addGradient} in a training step, after the decoder's backward and before the
 * encoder's; {@link #value} in evaluation. Implementations allocate their buffers once (per batch
 * size at most), so that steps after the first allocate nothing. Not thread-safe.
 */
public interface CodePenalty extends AutoCloseable {

    /** The name of the penalty as a metrics term, for example {@code sparsity}. */
    String name();

    /**
     * Adds d penalty / d code to {@code gradCode} (same shape as code) and returns the penalty.
     * Neither tensor is kept after the call.
     */
    double addGradient(Tensor code, Tensor gradCode);

    /** The penalty alone, as {@link #addGradient} would return it. */
    double value(Tensor code);

    /** Releases the penalty's buffers. */
    @Override
    void close();
}
