package dev.latent.models.psd;

import dev.latent.api.config.Checks;
import dev.latent.api.config.Setting;

/**
 * The linear PSD model's settings ({@code model: {name: psd, ...}}): the number of filters, the
 * weights of the sparsity and prediction terms, and the FISTA solver. The defaults are the Torch
 * {@code unsup} tutorial's (lambda 1, beta 1 for alpha), for locally contrast-normalised patches.
 */
public record PsdConfig(
        @Setting(value = "the number of filters: encoder units and dictionary atoms, >= 1", defaultValue = "64")
        int code,
        @Setting(value = "lambda, the weight of the L1 term lambda ||z||_1 in the sparse-coding energy, > 0",
                defaultValue = "1") double lambda,
        @Setting(value = "alpha, the weight of the prediction term alpha ||z* - encoder(y)||^2, > 0",
                defaultValue = "1") double alpha,
        @Setting(value = "the FISTA solver: maxIterations, tolerance", defaultValue = "{}") FistaConfig fista) {

    public PsdConfig {
        checks(code, lambda, alpha).done();
    }

    /** The checks both PSD models make, open for more. */
    static Checks checks(int code, double lambda, double alpha) {
        return Checks.of()
                .atLeast("code", code, 1)
                .positive("lambda", lambda)
                .positive("alpha", alpha);
    }
}
