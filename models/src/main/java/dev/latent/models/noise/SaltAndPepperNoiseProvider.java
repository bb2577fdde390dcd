package dev.latent.models.noise;

import dev.latent.api.engine.Engine;
import dev.latent.api.noise.Noise;
import dev.latent.api.noise.NoiseProvider;

/** Provides {@link SaltAndPepperNoise} as {@code salt-and-pepper}. */
public final class SaltAndPepperNoiseProvider implements NoiseProvider<SaltAndPepperNoiseConfig> {

    @Override
    public String name() {
        return "salt-and-pepper";
    }

    @Override
    public String description() {
        return "salt-and-pepper noise: values set to 0 or 1, equally likely, with probability p";
    }

    @Override
    public Class<SaltAndPepperNoiseConfig> configType() {
        return SaltAndPepperNoiseConfig.class;
    }

    @Override
    public Noise create(SaltAndPepperNoiseConfig config, Engine engine) {
        return new SaltAndPepperNoise(engine, config.probability());
    }
}
