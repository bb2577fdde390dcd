package dev.latent.models.psd;

import dev.latent.api.config.Checks;
import dev.latent.api.config.Setting;

/**
 * The settings of the {@link Fista} solver inside a PSD model ({@code model.fista}).
 *
 * @param maxIterations the iteration cap
 * @param tolerance     the relative change of the batch's code at which FISTA stops
 */
public record FistaConfig(
        @Setting(value = "the iteration cap of each FISTA solve, >= 1", defaultValue = "100") int maxIterations,
        @Setting(value = "stop when the relative change of the batch's code, ||z_k - z_k-1|| / ||z_k||, is at "
                + "most this, >= 0 (0: always run maxIterations)", defaultValue = "0.0001") double tolerance) {

    public FistaConfig {
        Checks.of()
                .atLeast("maxIterations", maxIterations, 1)
                .nonNegative("tolerance", tolerance)
                .done();
    }
}
