/**
 * Latent's datasets: a reader for the IDX files of MNIST and Fashion-MNIST, and the
 * {@code mnist} dataset provider with the bundled 10,000-digit MNIST subset as its default.
 *
 * <p>The bundled files live under {@code dev/latent/datasets/mnist-subset/}, a folder whose name
 * is not a package name, so they are readable from this module whether it runs on the module
 * path or the class path. Everything under {@code dev.latent.datasets.internal} is private to
 * this module.
 */
module dev.latent.datasets {
    requires transitive dev.latent.api;

    exports dev.latent.datasets;

    provides dev.latent.api.data.DatasetProvider with dev.latent.datasets.MnistDatasetProvider;
}
