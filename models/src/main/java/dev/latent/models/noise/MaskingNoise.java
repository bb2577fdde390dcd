package dev.latent.models.noise;

import dev.latent.api.engine.Engine;
import dev.latent.api.engine.RandomStream;
import dev.latent.api.engine.Tensor;
import dev.latent.api.noise.Noise;

/**
 * Masking noise (Vincent et al. 2008, "Extracting and composing robust features with denoising
 * autoencoders"): x~ = clip(x m, 0, 1) with m ~ Bernoulli(1 - p) drawn independently for every
 * value, so that each value is set to 0 with probability p and kept otherwise. The mask is drawn
 * straight into the output tensor, so nothing is allocated.
 */
public final class MaskingNoise implements Noise {

    private final Engine engine;
    private final double probability;

    /** @param probability the probability p that a value is set to 0, in [0, 1] */
    public MaskingNoise(Engine engine, double probability) {
        this.engine = engine;
        this.probability = probability;
    }

    @Override
    public void apply(Tensor clean, Tensor noisy, RandomStream random) {
        random.fillBernoulli(noisy, 1 - probability);
        engine.mul(clean, noisy, noisy);
        engine.clip(noisy, 0, 1, noisy);
    }
}
