package dev.latent.examples.plugin;

import dev.latent.api.config.Checks;
import dev.latent.api.config.Setting;
import java.util.List;

/**
 * The tied-weights autoencoder's manifest keys, under {@code model:}.
 *
 * @param code       the size of the code h
 * @param activation the encoder's activation f in h = f(x W + b)
 */
public record TiedAutoencoderConfig(
        @Setting(value = "size of the code (the bottleneck), > 0", defaultValue = "64") int code,
        @Setting(value = "activation of the code: sigmoid, tanh or relu", defaultValue = "sigmoid") String activation) {

    /** The activations the encoder supports, by manifest name. */
    public static final List<String> ACTIVATIONS = List.of("sigmoid", "tanh", "relu");

    public TiedAutoencoderConfig {
        Checks.of()
                .positive("code", code)
                .oneOf("activation", activation, ACTIVATIONS)
                .done();
    }
}
