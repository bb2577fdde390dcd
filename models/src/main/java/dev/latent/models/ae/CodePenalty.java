package dev.latent.models.ae;

import dev.latent.api.engine.Tensor;

/**
 * A penalty on an autoencoder's code, added to the reconstruction loss: for example the
 * sparsity penalty of a sparse autoencoder ({@link L1Sparsity}, {@link KlSparsity}).
 *
 * <p>The code is a rank-2 tensor {@code [batch, codeSize]}; the penalty is a function of the
 * whole batch (averaged over it, so that it has the scale of a per-sample penalty). A penalty may
 * also depend on parameters directly, not only through the code, as the contractive penalty
 * ({@link ContractivePenalty}) depends on the encoder's weights. Call order: {@link #addGradient}
 * in a training step, after the decoder's backward and before the encoder's, then
 * {@link #addParameterGradients} after the encoder's backward; {@link #value} in evaluation.
 * Implementations allocate their buffers once (per batch size at most), so that steps after the
 * first allocate nothing. Not thread-safe.
 */
public interface CodePenalty extends AutoCloseable {

    /** The name of the penalty as a metrics term, for example {@code sparsity}. */
    String name();

    /**
     * Adds d penalty / d code to {@code gradCode} (same shape as code) and returns the penalty.
     * Neither tensor is kept after the call.
     */
    double addGradient(Tensor code, Tensor gradCode);

    /**
     * Adds the gradient w.r.t. parameters the penalty depends on directly (beyond the part through
     * the code, which {@link #addGradient} passed on) to their gradients, for the batch of the last
     * {@link #addGradient}. Called after the encoder's backward, which overwrites the gradients.
     * Nothing by default: most penalties depend on the code alone.
     */
    default void addParameterGradients() {
    }

    /** The penalty alone, as {@link #addGradient} would return it. */
    double value(Tensor code);

    /** Releases the penalty's buffers. */
    @Override
    void close();
}
