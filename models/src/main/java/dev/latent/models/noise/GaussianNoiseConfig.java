package dev.latent.models.noise;

import dev.latent.api.config.Checks;
import dev.latent.api.config.Setting;

/** Settings of {@code gaussian} noise: x + N(mean, std^2), clipped to [0, 1]. */
public record GaussianNoiseConfig(
        @Setting(value = "mean of the added noise", defaultValue = "0") double mean,
        @Setting(value = "standard deviation of the added noise, > 0", defaultValue = "0.3") double std) {

    public GaussianNoiseConfig {
        Checks.of().positive("std", std).done();
    }
}
