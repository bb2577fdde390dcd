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

    /**
     * Whether the model only makes sense on corrupted inputs (a denoising autoencoder), so that a
     * manifest choosing it without a {@code noise} section is an error before training.
     */
    default boolean needsNoise() {
        return false;
    }
}
