package dev.latent.models.noise;

import dev.latent.api.config.Checks;
import dev.latent.api.config.Setting;

/** Settings of {@code speckle} noise: x + x N(0, std^2), clipped to [0, 1]. */
public record SpeckleNoiseConfig(
        @Setting(value = "standard deviation of the multiplicative noise, > 0", defaultValue = "0.5") double std) {

    public SpeckleNoiseConfig {
        Checks.of().positive("std", std).done();
    }
}
