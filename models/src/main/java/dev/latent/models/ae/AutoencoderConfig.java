package dev.latent.models.ae;

import dev.latent.api.config.Checks;
import dev.latent.api.config.Setting;
import dev.latent.api.engine.Activation;
import java.util.Arrays;
import java.util.List;

/**
 * The dense autoencoder's shape: encoder input -> hidden... -> code, decoder the mirror
 * code -> hidden reversed... -> input.
 */
public record AutoencoderConfig(
        @Setting(value = "sizes of the encoder's hidden layers, input side first; the decoder mirrors them",
                defaultValue = "[512, 128]") List<Integer> hidden,
        @Setting(value = "size of the code (the bottleneck)", defaultValue = "32") int code,
        @Setting(value = "activation after each hidden layer", defaultValue = "relu") String activation,
        @Setting(value = "activation of the code", defaultValue = "identity") String codeActivation,
        @Setting(value = "activation of the output; identity when the loss takes logits (bce)",
                defaultValue = "sigmoid") String outputActivation) {

    static final List<String> ACTIVATIONS = Arrays.stream(Activation.values()).map(Activation::id).toList();

    public AutoencoderConfig {
        hidden = List.copyOf(hidden);
        Checks checks = Checks.of().positive("code", code);
        for (int i = 0; i < hidden.size(); i++) {
            checks.positive("hidden[" + i + "]", hidden.get(i));
        }
        checks.oneOf("activation", activation, ACTIVATIONS)
                .oneOf("codeActivation", codeActivation, ACTIVATIONS)
                .oneOf("outputActivation", outputActivation, ACTIVATIONS)
                .done();
    }
}
