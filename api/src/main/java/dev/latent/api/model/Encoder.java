package dev.latent.api.model;

import dev.latent.api.engine.Tensor;

/**
 * Implemented by a {@link Model} that maps an input to a code: an autoencoder's encoder, a
 * VAE's posterior mean, PSD's fast predictor. Evaluation, embeddings and transfer learning
 * ({@code latent eval}, {@code latent embed}, {@code latent transfer}) use it.
 */
public interface Encoder {

    /** {@return the length of one sample's code} */
    int codeSize();

    /**
     * The codes of a batch {@code [batch, sampleSize]} in evaluation mode, as a tensor
     * {@code [batch, codeSize]} owned by the model until its next call; touches no gradient.
     */
    Tensor encode(Tensor input);
}
