package dev.latent.models.vae;

import dev.latent.api.config.Setting;
import dev.latent.models.ae.AutoencoderConfig;
import dev.latent.models.ae.ConvAutoencoderConfig;
import java.util.List;

/**
 * The convolutional variational autoencoder's shape (DESIGN.md's reference conv VAE): the conv
 * AE's trunk (strided convolutions, flatten, Linear to the hidden size), two Linear(hidden,
 * latent) heads for the mean and log-variance, and the conv AE's mirrored decoder from the
 * latent code.
 */
public record ConvVaeConfig(
        @Setting(value = "output channels of the trunk's convolutions, input side first; the decoder mirrors them",
                defaultValue = "[8, 16, 32]") List<Integer> channels,
        @Setting(value = "side of the square kernels of every (transposed) convolution", defaultValue = "3") int kernel,
        @Setting(value = "stride of each convolution, one per entry of channels", defaultValue = "[2, 2, 2]")
        List<Integer> strides,
        @Setting(value = "zero padding of each convolution, one per entry of channels, >= 0",
                defaultValue = "[1, 1, 0]") List<Integer> paddings,
        @Setting(value = "size of the dense hidden layer between the flattened feature maps and the heads",
                defaultValue = "64") int hidden,
        @Setting(value = "size of the latent code z", defaultValue = "16") int latent,
        @Setting(value = "dropout rate after each hidden layer of the trunk, in [0, 1)", defaultValue = "0.0")
        double dropout,
        @Setting(value = "activation of the output; identity when the loss takes logits (bce)",
                defaultValue = "sigmoid") String outputActivation,
        @Setting(value = "weight of the KL term (1 is the VAE's evidence lower bound; beta-VAE uses more), >= 0",
                defaultValue = "1.0") double beta,
        @Setting(value = ConvAutoencoderConfig.BATCH_NORM_HELP, defaultValue = "false") boolean batchNorm) {

    public ConvVaeConfig {
        channels = List.copyOf(channels);
        strides = List.copyOf(strides);
        paddings = List.copyOf(paddings);
        ConvAutoencoderConfig.convolutionChecks(channels, kernel, strides, paddings, hidden, dropout)
                .positive("latent", latent)
                .oneOf("outputActivation", outputActivation, AutoencoderConfig.ACTIVATIONS)
                .nonNegative("beta", beta)
                .done();
    }
}
