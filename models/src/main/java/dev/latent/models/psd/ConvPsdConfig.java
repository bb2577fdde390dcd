package dev.latent.models.psd;

import dev.latent.api.config.Setting;

/**
 * The convolutional PSD model's settings ({@code model: {name: conv-psd, ...}}): the number of
 * filters and their size, the weights of the sparsity and prediction terms, and the FISTA
 * solver. The patch size comes from the dataset's sample shape; the kernel must fit in it.
 */
public record ConvPsdConfig(
        @Setting(value = "the number of filters: encoder feature maps and dictionary atoms, >= 1", defaultValue = "16")
        int code,
        @Setting(value = "the side of the square encoder filters and dictionary atoms, >= 1 and at most the "
                + "sample's height and width", defaultValue = "9") int kernel,
        @Setting(value = "lambda, the weight of the L1 term lambda ||z||_1 in the sparse-coding energy, > 0",
                defaultValue = "1") double lambda,
        @Setting(value = "alpha, the weight of the prediction term alpha ||z* - encoder(y)||^2, > 0",
                defaultValue = "1") double alpha,
        @Setting(value = "the FISTA solver: maxIterations, tolerance", defaultValue = "{}") FistaConfig fista) {

    public ConvPsdConfig {
        PsdConfig.checks(code, lambda, alpha).atLeast("kernel", kernel, 1).done();
    }
}
