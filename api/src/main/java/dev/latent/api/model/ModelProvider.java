package dev.latent.api.model;

import dev.latent.api.plugin.PluginProvider;

/**
 * The service-provider interface for models, found by {@link java.util.ServiceLoader} and
 * chosen by name in a manifest's {@code model} section.
 *
 * @param <C> the model's configuration record
 */
public interface ModelProvider<C extends Record> extends PluginProvider<C> {

    /** Builds and initialises the model (seeded from the context). */
    Model create(C config, ModelContext context);
}
