package dev.latent.models.noise;

import dev.latent.api.engine.Engine;
import dev.latent.api.engine.RandomStream;
import dev.latent.api.engine.Tensor;
import dev.latent.api.noise.Noise;

/**
 * Additive Gaussian noise: x~ = clip(x + e, 0, 1) with e ~ N(mean, std^2) drawn independently
 * for every value (the reference denoising setting of DESIGN.md is N(0.5, 0.3)).
 */
public final class GaussianNoise implements Noise {

    private final Engine engine;
    private final double mean;
    private final double std;

    public GaussianNoise(Engine engine, double mean, double std) {
        this.engine = engine;
        this.mean = mean;
        this.std = std;
    }

    @Override
    public void apply(Tensor clean, Tensor noisy, RandomStream random) {
        random.fillGaussian(noisy, mean, std);
        engine.add(clean, noisy, noisy);
        engine.clip(noisy, 0, 1, noisy);
    }
}
