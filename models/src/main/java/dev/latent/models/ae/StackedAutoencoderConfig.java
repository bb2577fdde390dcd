package dev.latent.models.ae;

import dev.latent.api.config.Setting;
import java.util.List;

/**
 * The stacked autoencoder's shape: the dense autoencoder's ({@code ae}) encoder
 * input -> hidden... -> code, built as one block per layer, each pretrained greedily as a
 * one-layer autoencoder for {@code pretrainEpochs} epochs before the stack is fine-tuned with a
 * new mirrored decoder.
 */
public record StackedAutoencoderConfig(
        @Setting(value = "sizes of the encoder's hidden layers, input side first; one block each",
                defaultValue = "[512, 128]") List<Integer> hidden,
        @Setting(value = "size of the code (the last block's output)", defaultValue = "32") int code,
        @Setting(value = "activation after each hidden layer", defaultValue = "relu") String activation,
        @Setting(value = "activation of the code", defaultValue = "identity") String codeActivation,
        @Setting(value = "activation of the output; identity when the loss takes logits (bce)",
                defaultValue = "sigmoid") String outputActivation,
        @Setting(value = "epochs of greedy pretraining for each block, >= 0 (0: no pretraining)",
                defaultValue = "2") int pretrainEpochs,
        @Setting(value = AutoencoderConfig.WEIGHT_DECAY_HELP, defaultValue = "0") double weightDecay) {

    public StackedAutoencoderConfig {
        hidden = List.copyOf(hidden);
        AutoencoderConfig.denseChecks(hidden, code, activation, codeActivation, outputActivation, weightDecay)
                .nonNegative("pretrainEpochs", pretrainEpochs)
                .done();
    }
}
