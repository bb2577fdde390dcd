package dev.latent.models.ae;

import dev.latent.api.config.Checks;
import dev.latent.api.config.Setting;
import java.util.List;

/**
 * The sparse autoencoder's shape and penalty: a dense autoencoder (see {@link AutoencoderConfig})
 * whose code, which may be larger than the input (overcomplete), is kept sparse by an L1 or a KL
 * penalty added to the loss.
 */
public record SparseAutoencoderConfig(
        @Setting(value = "sizes of the encoder's hidden layers, input side first; the decoder mirrors them",
                defaultValue = "[]") List<Integer> hidden,
        @Setting(value = "size of the code; may exceed the input (overcomplete)", defaultValue = "256") int code,
        @Setting(value = "activation after each hidden layer", defaultValue = "relu") String activation,
        @Setting(value = "activation of the code; kl needs sigmoid (codes in (0, 1))",
                defaultValue = "sigmoid") String codeActivation,
        @Setting(value = "activation of the output; identity when the loss takes logits (bce)",
                defaultValue = "sigmoid") String outputActivation,
        @Setting(value = "the penalty: l1 (lambda * mean over the batch of sum |z|) or kl (beta * sum of "
                + "KL(rho || mean activation) over the code units)", defaultValue = "kl") String sparsity,
        @Setting(value = "the penalty's weight (lambda for l1, beta for kl), >= 0; small, because the "
                + "reconstruction loss is a mean per pixel (Ng's beta = 3 is about 0.008 here)",
                defaultValue = "0.003") double weight,
        @Setting(value = "the target mean activation rho of each code unit for kl, in (0, 1)",
                defaultValue = "0.05") double target,
        @Setting(value = AutoencoderConfig.WEIGHT_DECAY_HELP, defaultValue = "0") double weightDecay) {

    static final List<String> PENALTIES = List.of("l1", "kl");

    public SparseAutoencoderConfig {
        hidden = List.copyOf(hidden);
        AutoencoderConfig.denseChecks(hidden, code, activation, codeActivation, outputActivation, weightDecay)
                .oneOf("sparsity", sparsity, PENALTIES)
                .nonNegative("weight", weight)
                .that(target > 0 && target < 1, "target", "must be in (0, 1), found " + Checks.format(target))
                .that(!"kl".equals(sparsity) || !AutoencoderConfig.ACTIVATIONS.contains(codeActivation)
                                || "sigmoid".equals(codeActivation), "codeActivation",
                        "must be sigmoid with sparsity 'kl', which needs codes in (0, 1); found " + codeActivation)
                .done();
    }
}
