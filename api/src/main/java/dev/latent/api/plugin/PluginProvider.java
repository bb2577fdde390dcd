package dev.latent.api.plugin;

/**
 * What every provider of every SPI has: a stable, unique name that manifests use, a one-line
 * description, and the type of its configuration.
 *
 * <p>Providers are found with {@link java.util.ServiceLoader} and must be cheap to construct:
 * no I/O, no native code, no static registries. The launcher instantiates only the providers a
 * manifest chooses. Providers know nothing of Guice.
 *
 * <p>The configuration type is a record. The launcher binds the manifest section of the
 * provider to it: each record component is a key, a component annotated with
 * {@link dev.latent.api.config.Setting} documents itself and may have a default, and the
 * compact constructor validates values with {@link dev.latent.api.config.Checks}.
 *
 * @param <C> the configuration record
 */
public interface PluginProvider<C extends Record> {

    /** The stable name manifests use: lower case, digits and dashes, for example {@code ae}. */
    String name();

    /** One line saying what the plugin implements, with its paper where it has one. */
    String description();

    /** The configuration record type. */
    Class<C> configType();
}
