package dev.latent.examples.plugin.internal;

import dev.latent.api.engine.Engine;
import dev.latent.api.noise.Noise;
import dev.latent.api.noise.NoiseProvider;
import dev.latent.examples.plugin.OcclusionNoiseConfig;

/** Provides {@link OcclusionNoise} as {@code occlusion}. */
public final class OcclusionNoiseProvider implements NoiseProvider<OcclusionNoiseConfig> {

    @Override
    public String name() {
        return "occlusion";
    }

    @Override
    public String description() {
        return "occlusion noise: a random square of each image, its side a fraction size of the image side, set to 0";
    }

    @Override
    public Class<OcclusionNoiseConfig> configType() {
        return OcclusionNoiseConfig.class;
    }

    @Override
    public Noise create(OcclusionNoiseConfig config, Engine engine) {
        return new OcclusionNoise(engine, config.size());
    }
}
