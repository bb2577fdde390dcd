package dev.latent.models.noise;

import dev.latent.api.config.Checks;
import dev.latent.api.config.Setting;

/** Settings of {@code masking} noise: each value set to 0 with a probability. */
public record MaskingNoiseConfig(
        @Setting(value = "probability that a value is set to 0, in [0, 1]", defaultValue = "0.25") double probability) {

    public MaskingNoiseConfig {
        Checks.of().inUnit("probability", probability).done();
    }
}
