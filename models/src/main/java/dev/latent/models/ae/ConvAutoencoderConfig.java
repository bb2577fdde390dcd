package dev.latent.models.ae;

import dev.latent.api.config.Checks;
import dev.latent.api.config.Setting;
import java.util.List;

/**
 * The convolutional autoencoder's shape (DESIGN.md's reference conv AE): strided convolutions
 * (one per entry of {@code channels}, with the stride and padding at the same index), ReLU and
 * dropout after each, then Linear(flattened -> hidden), ReLU, dropout, Linear(hidden -> code); the
 * decoder mirrors it with Linear layers and transposed convolutions whose output paddings restore
 * the encoder's sizes exactly. With {@code batchNorm}, batch normalisation joins the inner
 * convolutions (see {@link ConvNetworks}).
 */
public record ConvAutoencoderConfig(
        @Setting(value = "output channels of the encoder's convolutions, input side first; the decoder mirrors them",
                defaultValue = "[8, 16, 32]") List<Integer> channels,
        @Setting(value = "side of the square kernels of every (transposed) convolution", defaultValue = "3") int kernel,
        @Setting(value = "stride of each convolution, one per entry of channels", defaultValue = "[2, 2, 2]")
        List<Integer> strides,
        @Setting(value = "zero padding of each convolution, one per entry of channels, >= 0",
                defaultValue = "[1, 1, 0]") List<Integer> paddings,
        @Setting(value = "size of the dense hidden layer between the flattened feature maps and the code",
                defaultValue = "64") int hidden,
        @Setting(value = "size of the code (the bottleneck)", defaultValue = "33") int code,
        @Setting(value = "dropout rate after each hidden layer of the encoder, in [0, 1)", defaultValue = "0.012")
        double dropout,
        @Setting(value = "activation of the output; identity when the loss takes logits (bce)",
                defaultValue = "sigmoid") String outputActivation,
        @Setting(value = AutoencoderConfig.WEIGHT_DECAY_HELP, defaultValue = "0") double weightDecay,
        @Setting(value = ConvAutoencoderConfig.BATCH_NORM_HELP, defaultValue = "false") boolean batchNorm) {

    /** The help of the {@code batchNorm} key, shared with the conv VAE. */
    public static final String BATCH_NORM_HELP = "batch normalisation (per channel, momentum 0.1, eps 1e-5) after the"
            + " encoder's inner convolutions and every transposed convolution but the last; false is DESIGN.md's"
            + " reference architecture";

    public ConvAutoencoderConfig {
        channels = List.copyOf(channels);
        strides = List.copyOf(strides);
        paddings = List.copyOf(paddings);
        convolutionChecks(channels, kernel, strides, paddings, hidden, dropout)
                .positive("code", code)
                .oneOf("outputActivation", outputActivation, AutoencoderConfig.ACTIVATIONS)
                .nonNegative("weightDecay", weightDecay)
                .done();
    }

    /**
     * The checks of the convolutional shape's keys, shared with the conv VAE: at least one
     * convolution, positive channels, kernel and strides, one stride and padding per
     * convolution, paddings >= 0, a positive hidden size and dropout in [0, 1).
     */
    public static Checks convolutionChecks(List<Integer> channels, int kernel, List<Integer> strides,
                                           List<Integer> paddings, int hidden, double dropout) {
        Checks checks = Checks.of()
                .that(!channels.isEmpty(), "channels", "must list at least one convolution")
                .positive("kernel", kernel);
        for (int i = 0; i < channels.size(); i++) {
            checks.positive("channels[" + i + "]", channels.get(i));
        }
        checks.that(strides.size() == channels.size(), "strides",
                "must have one entry per entry of channels (" + channels.size() + "), found " + strides.size());
        for (int i = 0; i < strides.size(); i++) {
            checks.positive("strides[" + i + "]", strides.get(i));
        }
        checks.that(paddings.size() == channels.size(), "paddings",
                "must have one entry per entry of channels (" + channels.size() + "), found " + paddings.size());
        for (int i = 0; i < paddings.size(); i++) {
            checks.nonNegative("paddings[" + i + "]", paddings.get(i));
        }
        return checks.positive("hidden", hidden)
                .inHalfOpenUnit("dropout", dropout);
    }
}
