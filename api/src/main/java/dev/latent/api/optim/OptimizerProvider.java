package dev.latent.api.optim;

import dev.latent.api.engine.Engine;
import dev.latent.api.plugin.PluginProvider;

/**
 * The service-provider interface for optimizers, found by {@link java.util.ServiceLoader} and
 * chosen by name in a manifest's {@code optimizer} section.
 *
 * @param <C> the optimizer's configuration record
 */
public interface OptimizerProvider<C extends Record> extends PluginProvider<C> {

    /** Builds the optimizer for tensors of the given engine. */
    Optimizer create(C config, Engine engine);
}
