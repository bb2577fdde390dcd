package dev.latent.api.model;

import dev.latent.api.engine.RandomStream;
import dev.latent.api.engine.Tensor;

/**
 * A model that can generate samples: a variational autoencoder decodes draws from its prior.
 * The launcher writes a grid of samples ({@code samples.png}) for every model that implements
 * this interface.
 */
public interface Generative {

    /**
     * Decodes {@code count} draws from the prior, in data space (the loss's output activation
     * applied), as a tensor {@code [count, sampleSize]} owned by the model until its next call.
     *
     * @param random the stream the draws come from, so that a seed gives the same samples
     */
    Tensor sample(int count, RandomStream random);

    /**
     * Decodes latent codes {@code [count, latentSize]} into data space, as a tensor
     * {@code [count, sampleSize]} owned by the model until its next call; used to draw
     * interpolations between two codes.
     */
    Tensor decode(Tensor codes);
}
