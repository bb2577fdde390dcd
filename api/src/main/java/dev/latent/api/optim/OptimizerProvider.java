package dev.latent.api.optim;

import dev.latent.api.plugin.PluginProvider;

/**
 * The service-provider interface for optimizers, found by {@link java.util.ServiceLoader} and
 * chosen by name in a manifest's {@code optimizer} section.
 *
 * @param <C> the optimizer's configuration record
 */
public interface OptimizerProvider<C extends Record> extends PluginProvider<C> {

    /**
     * Builds the optimizer for tensors of the context's engine.
     *
     * @throws dev.latent.api.config.ConfigException when the settings do not fit the run (a
     *         warm-up longer than the run, for example), naming the key and the value
     */
    Optimizer create(C config, OptimizerContext context);
}
