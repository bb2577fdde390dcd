package dev.latent.api.run;

import dev.latent.api.plugin.PluginProvider;

/**
 * The service-provider interface for run listeners, found by {@link java.util.ServiceLoader}
 * and chosen by name in a manifest's {@code listeners:} list. This is how a plugin contributes
 * to a run beyond the model, loss, optimizer, noise and data, without knowing Guice.
 *
 * @param <C> the listener's configuration record
 */
public interface RunListenerProvider<C extends Record> extends PluginProvider<C> {

    /** Builds the listener for a run that is about to start. */
    RunListener create(C config, RunContext context);
}
