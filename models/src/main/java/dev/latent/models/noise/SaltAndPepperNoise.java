package dev.latent.models.noise;

import dev.latent.api.engine.Engine;
import dev.latent.api.engine.RandomStream;
import dev.latent.api.engine.Scope;
import dev.latent.api.engine.Tensor;
import dev.latent.api.noise.Noise;

/**
 * Salt-and-pepper noise: each value is corrupted with probability p, and a corrupted value is
 * set to 1 (salt) or 0 (pepper) with equal probability: x~ = x + m (s - x), with
 * m ~ Bernoulli(p) and s ~ Bernoulli(1/2). The two masks are temporaries of a scope.
 */
public final class SaltAndPepperNoise implements Noise {

    private final Engine engine;
    private final double probability;

    public SaltAndPepperNoise(Engine engine, double probability) {
        this.engine = engine;
        this.probability = probability;
    }

    @Override
    public void apply(Tensor clean, Tensor noisy, RandomStream random) {
        try (Scope scope = engine.scope()) {
            Tensor corrupt = scope.zeros(clean.dtype(), clean.shape());
            random.fillBernoulli(corrupt, probability);
            random.fillBernoulli(noisy, 0.5);
            engine.sub(noisy, clean, noisy);
            engine.mul(noisy, corrupt, noisy);
            engine.add(clean, noisy, noisy);
        }
    }
}
