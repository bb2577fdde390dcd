package dev.latent.models.noise;

import dev.latent.api.engine.Engine;
import dev.latent.api.noise.Noise;
import dev.latent.api.noise.NoiseProvider;

/** Provides {@link GaussianNoise} as {@code gaussian}. */
public final class GaussianNoiseProvider implements NoiseProvider<GaussianNoiseConfig> {

    @Override
    public String name() {
        return "gaussian";
    }

    @Override
    public String description() {
        return "additive Gaussian noise N(mean, std), clipped to [0, 1] (Vincent et al. 2010)";
    }

    @Override
    public Class<GaussianNoiseConfig> configType() {
        return GaussianNoiseConfig.class;
    }

    @Override
    public Noise create(GaussianNoiseConfig config, Engine engine) {
        return new GaussianNoise(engine, config.mean(), config.std());
    }
}
