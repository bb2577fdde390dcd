package dev.latent.api.engine;

/**
 * A seeded stream of random numbers that fills tensors. Two streams made by the same engine
 * with the same seed fill the same tensors with the same numbers, in the same order of calls.
 * Not thread-safe.
 */
public interface RandomStream {

    /** Fills {@code out} with independent draws from U[low, high). */
    void fillUniform(Tensor out, double low, double high);

    /** Fills {@code out} with independent draws from N(mean, std^2). */
    void fillGaussian(Tensor out, double mean, double std);

    /** Fills {@code out} with independent draws that are 1 with probability p, else 0. */
    void fillBernoulli(Tensor out, double p);
}
