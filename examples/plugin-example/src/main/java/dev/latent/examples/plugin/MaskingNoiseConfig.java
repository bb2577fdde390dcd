package dev.latent.examples.plugin;

import dev.latent.api.config.Checks;
import dev.latent.api.config.Setting;

/**
 * The masking noise's manifest keys, under {@code noise:}.
 *
 * @param probability the probability that an input value is set to 0
 */
public record MaskingNoiseConfig(
        @Setting(value = "probability that an input value is set to 0, in [0, 1)", defaultValue = "0.25")
        double probability) {

    public MaskingNoiseConfig {
        Checks.of().inHalfOpenUnit("probability", probability).done();
    }
}
