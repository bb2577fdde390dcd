package dev.latent.models.ae;

import dev.latent.api.config.Checks;
import dev.latent.api.config.Setting;
import java.util.List;

/**
 * The contractive autoencoder's shape and penalty (Rifai et al. 2011): encoder
 * Linear(input -> code) and a sigmoid or tanh, decoder Linear(code -> input) and the output
 * activation, and lambda times the encoder Jacobian's squared Frobenius norm added to the loss.
 */
public record ContractiveAutoencoderConfig(
        @Setting(value = "size of the code (the encoder's one hidden layer)", defaultValue = "256") int code,
        @Setting(value = "activation of the code: sigmoid or tanh", defaultValue = "sigmoid") String activation,
        @Setting(value = "the contractive penalty's weight, >= 0: lambda * mean over the batch of ||J_f(x)||_F^2; "
                + "small, because the reconstruction loss is a mean per pixel (the paper's 0.1 is about 1e-4 here)",
                defaultValue = "0.0001")
        double lambda,
        @Setting(value = "activation of the output; identity when the loss takes logits (bce)",
                defaultValue = "sigmoid") String outputActivation,
        @Setting(value = AutoencoderConfig.WEIGHT_DECAY_HELP, defaultValue = "0") double weightDecay) {

    /** The code activations whose Jacobian the penalty knows. */
    static final List<String> CODE_ACTIVATIONS = List.of("sigmoid", "tanh");

    public ContractiveAutoencoderConfig {
        Checks.of().positive("code", code)
                .oneOf("activation", activation, CODE_ACTIVATIONS)
                .nonNegative("lambda", lambda)
                .oneOf("outputActivation", outputActivation, AutoencoderConfig.ACTIVATIONS)
                .nonNegative("weightDecay", weightDecay)
                .done();
    }
}
