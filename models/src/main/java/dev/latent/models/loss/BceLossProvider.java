package dev.latent.models.loss;

import dev.latent.api.config.NoSettings;
import dev.latent.api.engine.Engine;
import dev.latent.api.model.Loss;
import dev.latent.api.model.LossProvider;

/** Provides {@link BinaryCrossEntropy} (on logits) as {@code bce}. */
public final class BceLossProvider implements LossProvider<NoSettings> {

    @Override
    public String name() {
        return "bce";
    }

    @Override
    public String description() {
        return "binary cross-entropy on logits, numerically stable; the model outputs logits";
    }

    @Override
    public Class<NoSettings> configType() {
        return NoSettings.class;
    }

    @Override
    public Loss create(NoSettings config, Engine engine) {
        return new BinaryCrossEntropy(engine);
    }
}
