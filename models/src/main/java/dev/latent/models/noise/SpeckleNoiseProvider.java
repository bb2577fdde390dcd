package dev.latent.models.noise;

import dev.latent.api.engine.Engine;
import dev.latent.api.noise.Noise;
import dev.latent.api.noise.NoiseProvider;

/** Provides {@link SpeckleNoise} as {@code speckle}. */
public final class SpeckleNoiseProvider implements NoiseProvider<SpeckleNoiseConfig> {

    @Override
    public String name() {
        return "speckle";
    }

    @Override
    public String description() {
        return "multiplicative speckle noise x + x N(0, std), clipped to [0, 1]";
    }

    @Override
    public Class<SpeckleNoiseConfig> configType() {
        return SpeckleNoiseConfig.class;
    }

    @Override
    public Noise create(SpeckleNoiseConfig config, Engine engine) {
        return new SpeckleNoise(engine, config.std());
    }
}
