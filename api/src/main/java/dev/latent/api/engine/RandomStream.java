package dev.latent.api.engine;

/**
 * A seeded stream of random numbers that fills tensors. Two streams made by the same engine
 * with the same seed fill the same tensors with the same numbers, in the same order of calls.
 * Not thread-safe.
 *
 * <p>A stream's position can be saved and put back ({@link #state()}, {@link #restore}), which
 * is how a checkpoint makes a resumed run draw exactly what an uninterrupted one would. The
 * engine lists every stream it made ({@link Engine#randomStreams()}), so the streams a model
 * keeps inside itself (dropout masks, a VAE's sampling) are saved without the model's help.
 */
public interface RandomStream {

    /** Fills {@code out} with independent draws from U[low, high). */
    void fillUniform(Tensor out, double low, double high);

    /** Fills {@code out} with independent draws from N(mean, std^2). */
    void fillGaussian(Tensor out, double mean, double std);

    /** Fills {@code out} with independent draws that are 1 with probability p, else 0. */
    void fillBernoulli(Tensor out, double p);

    /**
     * The stream's position: an engine-specific array that {@link #restore} accepts on any
     * stream of the same engine, after which that stream draws what this one draws next.
     *
     * @throws UnsupportedOperationException when the stream cannot save its position (such a
     *         stream makes a run's checkpoints fail, not silently inexact)
     */
    default long[] state() {
        throw new UnsupportedOperationException(getClass().getName() + " cannot save its position");
    }

    /**
     * Moves the stream to a position {@link #state()} returned.
     *
     * @throws IllegalArgumentException when {@code state} is not a state of this engine's streams
     */
    default void restore(long[] state) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot restore a position");
    }
}
