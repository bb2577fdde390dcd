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
                defaultValue = "sigmoid") String outputActivation,
        @Setting(value = WEIGHT_DECAY_HELP, defaultValue = "0") double weightDecay) {

    public static final List<String> ACTIVATIONS = Arrays.stream(Activation.values()).map(Activation::id).toList();

    /** The {@code weightDecay} key's help, shared by every autoencoder's config (see {@link Autoencoder}). */
    static final String WEIGHT_DECAY_HELP = "L2 weight decay: adds weightDecay * (sum of the squared weights) to the "
            + "loss, reported as the term weight_decay; the weights are the parameters named *.weight (biases "
            + "are not decayed); >= 0, 0 for none";

    public AutoencoderConfig {
        hidden = List.copyOf(hidden);
        denseChecks(hidden, code, activation, codeActivation, outputActivation, weightDecay).done();
    }

    /**
     * The checks of the dense shape's keys, shared by ae, sparse-ae and stacked-ae: positive
     * sizes, known activations and weightDecay >= 0.
     */
    static Checks denseChecks(List<Integer> hidden, int code, String activation, String codeActivation,
                              String outputActivation, double weightDecay) {
        Checks checks = Checks.of().positive("code", code);
        for (int i = 0; i < hidden.size(); i++) {
            checks.positive("hidden[" + i + "]", hidden.get(i));
        }
        return checks.oneOf("activation", activation, ACTIVATIONS)
                .oneOf("codeActivation", codeActivation, ACTIVATIONS)
                .oneOf("outputActivation", outputActivation, ACTIVATIONS)
                .nonNegative("weightDecay", weightDecay);
    }
}
