package dev.latent.models.noise;

import dev.latent.api.config.Checks;
import dev.latent.api.config.Setting;

/** Settings of {@code salt-and-pepper} noise: each value set to 0 or 1 (equally likely) with a probability. */
public record SaltAndPepperNoiseConfig(
        @Setting(value = "probability that a value is corrupted, in [0, 1]", defaultValue = "0.05") double probability) {

    public SaltAndPepperNoiseConfig {
        Checks.of().inUnit("probability", probability).done();
    }
}
