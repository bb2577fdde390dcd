package dev.latent.models.loss;

import dev.latent.api.config.NoSettings;
import dev.latent.api.engine.Engine;
import dev.latent.api.model.Loss;
import dev.latent.api.model.LossProvider;

/** Provides {@link MeanSquaredError} as {@code mse}. */
public final class MseLossProvider implements LossProvider<NoSettings> {

    @Override
    public String name() {
        return "mse";
    }

    @Override
    public String description() {
        return "mean squared error per element";
    }

    @Override
    public Class<NoSettings> configType() {
        return NoSettings.class;
    }

    @Override
    public Loss create(NoSettings config, Engine engine) {
        return new MeanSquaredError(engine);
    }
}
