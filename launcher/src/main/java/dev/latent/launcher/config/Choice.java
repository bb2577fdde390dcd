package dev.latent.launcher.config;

import dev.latent.api.plugin.PluginProvider;
import dev.latent.launcher.plugin.PluginCatalog;

/**
 * The plugin a manifest section chose, with its bound configuration.
 *
 * @param section the manifest section, for example {@code model}
 * @param entry   the chosen provider and its origin
 * @param config  the provider's configuration record, validated
 */
public record Choice(String section, PluginCatalog.Entry entry, Record config) {

    public String name() {
        return entry.name();
    }

    public PluginProvider<?> provider() {
        return entry.provider();
    }
}
