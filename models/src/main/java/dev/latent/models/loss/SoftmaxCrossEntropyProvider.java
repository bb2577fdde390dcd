package dev.latent.models.loss;

import dev.latent.api.config.NoSettings;
import dev.latent.api.engine.Engine;
import dev.latent.api.model.Loss;
import dev.latent.api.model.LossProvider;

/** Provides {@link SoftmaxCrossEntropy} as {@code softmax-cross-entropy}. */
public final class SoftmaxCrossEntropyProvider implements LossProvider<NoSettings> {

    @Override
    public String name() {
        return "softmax-cross-entropy";
    }

    @Override
    public String description() {
        return "softmax cross-entropy of logits against one-hot labels, mean per sample (for the classifier)";
    }

    @Override
    public Class<NoSettings> configType() {
        return NoSettings.class;
    }

    @Override
    public Loss create(NoSettings config, Engine engine) {
        return new SoftmaxCrossEntropy(engine);
    }
}
