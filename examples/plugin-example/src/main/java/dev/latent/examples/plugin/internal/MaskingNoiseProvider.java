package dev.latent.examples.plugin.internal;

import dev.latent.api.engine.Engine;
import dev.latent.api.noise.Noise;
import dev.latent.api.noise.NoiseProvider;
import dev.latent.examples.plugin.MaskingNoiseConfig;

/** Provides {@link MaskingNoise} as {@code masking}. */
public final class MaskingNoiseProvider implements NoiseProvider<MaskingNoiseConfig> {

    @Override
    public String name() {
        return "masking";
    }

    @Override
    public String description() {
        return "masking noise: each input set to 0 with a probability (Vincent et al. 2008)";
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
