package dev.latent.models.noise;

import dev.latent.api.engine.Engine;
import dev.latent.api.noise.Noise;
import dev.latent.api.noise.NoiseProvider;

/** Provides {@link MaskingNoise} as {@code masking}. */
public final class MaskingNoiseProvider implements NoiseProvider<MaskingNoiseConfig> {

    @Override
    public String name() {
        return "masking";
    }

    @Override
    public String description() {
        return "masking noise: each value set to 0 with probability p (Vincent et al. 2008)";
    }

    @Override
    public Class<MaskingNoiseConfig> configType() {
        return MaskingNoiseConfig.class;
    }

    @Override
    public Noise create(MaskingNoiseConfig config, Engine engine) {
        return new MaskingNoise(engine, config.probability());
    }
}
