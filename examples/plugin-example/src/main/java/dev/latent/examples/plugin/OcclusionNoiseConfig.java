package dev.latent.examples.plugin;

import dev.latent.api.config.Checks;
import dev.latent.api.config.Setting;

/**
 * The occlusion noise's manifest keys, under {@code noise:}.
 *
 * @param size the side of the occluded square as a fraction of the image's side
 */
public record OcclusionNoiseConfig(
        @Setting(value = "side of the occluded square as a fraction of the image side, in (0, 1]", defaultValue = "0.5")
        double size) {

    public OcclusionNoiseConfig {
        Checks.of().that(size > 0 && size <= 1, "size", "must be in (0, 1], found " + Checks.format(size)).done();
    }
}
