package dev.latent.api.noise;

import dev.latent.api.engine.Engine;
import dev.latent.api.plugin.PluginProvider;

/**
 * The service-provider interface for noise processes, found by {@link java.util.ServiceLoader}
 * and chosen by name in a manifest's {@code noise} section.
 *
 * @param <C> the noise process's configuration record
 */
public interface NoiseProvider<C extends Record> extends PluginProvider<C> {

    /** Builds the noise process for tensors of the given engine. */
    Noise create(C config, Engine engine);
}
