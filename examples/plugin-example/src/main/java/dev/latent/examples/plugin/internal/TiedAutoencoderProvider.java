package dev.latent.examples.plugin.internal;

import dev.latent.api.engine.Activation;
import dev.latent.api.model.Model;
import dev.latent.api.model.ModelContext;
import dev.latent.api.model.ModelProvider;
import dev.latent.examples.plugin.TiedAutoencoderConfig;

/**
 * Provides {@link TiedAutoencoder} as {@code tied-ae}. Cheap to construct, as every provider
 * must be: the model and its tensors are made in {@link #create}.
 */
public final class TiedAutoencoderProvider implements ModelProvider<TiedAutoencoderConfig> {

    @Override
    public String name() {
        return "tied-ae";
    }

    @Override
    public String description() {
        return "tied-weights autoencoder: h = f(x W + b), y = h W^T + c, one weight matrix (Vincent et al. 2010)";
    }

    @Override
    public Class<TiedAutoencoderConfig> configType() {
        return TiedAutoencoderConfig.class;
    }

    @Override
    public Model create(TiedAutoencoderConfig config, ModelContext context) {
        return new TiedAutoencoder(context, config.code(), Activation.byId(config.activation()));
    }
}
