package dev.latent.models.noise;

import dev.latent.api.engine.Engine;
import dev.latent.api.engine.RandomStream;
import dev.latent.api.engine.Tensor;
import dev.latent.api.noise.Noise;

/**
 * Multiplicative (speckle) noise: x~ = clip(x + x e, 0, 1) with e ~ N(0, std^2) drawn
 * independently for every value, so that black pixels stay black.
 */
public final class SpeckleNoise implements Noise {

    private final Engine engine;
    private final double std;

    public SpeckleNoise(Engine engine, double std) {
        this.engine = engine;
        this.std = std;
    }

    @Override
    public void apply(Tensor clean, Tensor noisy, RandomStream random) {
        random.fillGaussian(noisy, 0, std);
        engine.mul(noisy, clean, noisy);
        engine.add(clean, noisy, noisy);
        engine.clip(noisy, 0, 1, noisy);
    }
}
