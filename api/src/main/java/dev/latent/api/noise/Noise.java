package dev.latent.api.noise;

import dev.latent.api.engine.RandomStream;
import dev.latent.api.engine.Tensor;

/**
 * A corruption process for denoising: it draws a noisy version of a clean batch, clipped to the
 * data range [0, 1]. Drawn fresh for each training batch from the trainer's seeded stream.
 */
public interface Noise {

    /** Writes a corrupted copy of {@code clean} into {@code noisy} (same shape; no aliasing). */
    void apply(Tensor clean, Tensor noisy, RandomStream random);
}
