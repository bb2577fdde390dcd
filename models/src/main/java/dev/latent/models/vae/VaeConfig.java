package dev.latent.models.vae;

import dev.latent.api.config.Checks;
import dev.latent.api.config.Setting;
import dev.latent.models.ae.AutoencoderConfig;
import java.util.List;

/**
 * The dense variational autoencoder's shape: trunk input -> hidden..., two Linear heads to the
 * latent mean and log-variance, decoder latent -> hidden reversed... -> input.
 */
public record VaeConfig(
        @Setting(value = "sizes of the trunk's hidden layers, input side first; the decoder mirrors them",
                defaultValue = "[512, 128]") List<Integer> hidden,
        @Setting(value = "size of the latent code z", defaultValue = "16") int latent,
        @Setting(value = "activation after each hidden layer", defaultValue = "relu") String activation,
        @Setting(value = "activation of the output; identity when the loss takes logits (bce)",
                defaultValue = "sigmoid") String outputActivation,
        @Setting(value = "weight of the KL term (1 is the VAE's evidence lower bound; beta-VAE uses more), >= 0",
                defaultValue = "1.0") double beta) {

    public VaeConfig {
        hidden = List.copyOf(hidden);
        Checks checks = Checks.of().that(!hidden.isEmpty(), "hidden", "must list at least one hidden layer")
                .positive("latent", latent);
        for (int i = 0; i < hidden.size(); i++) {
            checks.positive("hidden[" + i + "]", hidden.get(i));
        }
        checks.oneOf("activation", activation, AutoencoderConfig.ACTIVATIONS)
                .oneOf("outputActivation", outputActivation, AutoencoderConfig.ACTIVATIONS)
                .nonNegative("beta", beta)
                .done();
    }
}
