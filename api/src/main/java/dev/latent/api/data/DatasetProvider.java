package dev.latent.api.data;

import dev.latent.api.plugin.PluginProvider;

/**
 * The service-provider interface for datasets, found by {@link java.util.ServiceLoader} and
 * chosen by name in a manifest's {@code dataset} section.
 *
 * @param <C> the dataset's configuration record
 */
public interface DatasetProvider<C extends Record> extends PluginProvider<C> {

    /**
     * Loads the dataset.
     *
     * @throws DataException when a file is missing, unreadable or corrupt, naming it
     */
    Dataset create(C config, DatasetContext context);
}
