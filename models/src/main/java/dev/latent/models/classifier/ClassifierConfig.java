package dev.latent.models.classifier;

import dev.latent.api.config.Checks;
import dev.latent.api.config.Setting;
import dev.latent.models.ae.AutoencoderConfig;
import java.util.List;

/**
 * The classifier's shape: input -> hidden... -> classes scores, {@code activation} after each
 * hidden layer. No hidden layer makes it a linear probe.
 */
public record ClassifierConfig(
        @Setting(value = "sizes of the hidden layers, input side first; [] for a linear probe", defaultValue = "[128]")
        List<Integer> hidden,
        @Setting(value = "activation after each hidden layer", defaultValue = "relu") String activation,
        @Setting(value = "the number of classes (outputs)", defaultValue = "10") int classes) {

    public ClassifierConfig {
        hidden = List.copyOf(hidden);
        Checks checks = Checks.of().atLeast("classes", classes, 2);
        for (int i = 0; i < hidden.size(); i++) {
            checks.positive("hidden[" + i + "]", hidden.get(i));
        }
        checks.oneOf("activation", activation, AutoencoderConfig.ACTIVATIONS).done();
    }
}
