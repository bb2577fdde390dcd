package dev.latent.api.engine;

import dev.latent.api.plugin.PluginProvider;

/**
 * The service-provider interface for compute engines. Engines are plain jars, each loaded with
 * its native libraries into its own class loader and found with
 * {@code ServiceLoader.load(EngineProvider.class, engineLoader)}.
 *
 * <p>Providers are cheap: the constructor and {@link #availability()} must not load native code
 * or allocate device memory (DJL's rule). Only {@link #create} does.
 *
 * @param <C> the engine's typed configuration, a record
 */
public interface EngineProvider<C extends Record> extends PluginProvider<C> {

    /** Whether this engine can run here, decided without loading native code. */
    Availability availability();

    /**
     * Creates the engine. Loads native code on first use.
     *
     * @throws IllegalStateException with the reason when the engine cannot start
     */
    Engine create(C config);
}
