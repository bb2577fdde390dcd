package dev.latent.launcher.config;

import dev.latent.api.config.NoSettings;
import dev.latent.api.engine.Availability;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.EngineProvider;
import dev.latent.launcher.plugin.PluginCatalog;
import dev.latent.launcher.plugin.PluginOrigin;

/** An engine provider that is never available here, for the engine-fallback tests. */
record StandInEngine(String name, String reason) implements EngineProvider<NoSettings> {

    /** The catalog entry of an unavailable engine {@code name}. */
    static PluginCatalog.Entry entry(String name, String reason) {
        return new PluginCatalog.Entry("engine", new StandInEngine(name, reason),
                new PluginOrigin("-", "-", "engines/" + name, true));
    }

    @Override
    public String description() {
        return "a stand-in engine that cannot run";
    }

    @Override
    public Class<NoSettings> configType() {
        return NoSettings.class;
    }

    @Override
    public Availability availability() {
        return Availability.no(reason);
    }

    @Override
    public Engine create(NoSettings config) {
        throw new IllegalStateException(reason);
    }
}
