/**
 * An example third-party Latent plugin: a tied-weights autoencoder ({@code tied-ae}), occlusion
 * noise ({@code occlusion}) and a run listener that writes metrics as CSV ({@code csv-metrics}). It depends on the api alone and is found by the launcher in a plugins
 * folder, without recompiling the host.
 */
module dev.latent.examples.plugin {
    requires dev.latent.api;

    // Only the configuration records are exported: the launcher binds manifests to them by
    // reflection. The providers need no export: ServiceLoader instantiates them from `provides`.
    exports dev.latent.examples.plugin;

    provides dev.latent.api.model.ModelProvider with dev.latent.examples.plugin.internal.TiedAutoencoderProvider;
    provides dev.latent.api.noise.NoiseProvider with dev.latent.examples.plugin.internal.OcclusionNoiseProvider;
    provides dev.latent.api.run.RunListenerProvider with dev.latent.examples.plugin.internal.CsvMetricsProvider;
}
