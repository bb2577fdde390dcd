package dev.latent.api.model;

import dev.latent.api.engine.Engine;
import dev.latent.api.plugin.PluginProvider;

/**
 * The service-provider interface for losses, found by {@link java.util.ServiceLoader} and
 * chosen by name in a manifest's {@code loss} section.
 *
 * @param <C> the loss's configuration record
 */
public interface LossProvider<C extends Record> extends PluginProvider<C> {

    /** Builds the loss for tensors of the given engine. */
    Loss create(C config, Engine engine);
}
