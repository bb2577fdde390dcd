/**
 * Latent's datasets: a reader for the IDX files of MNIST and Fashion-MNIST, and the
 * {@code mnist} dataset provider with the bundled 10,000-digit MNIST subset as its default; the
 * {@code patches} provider (patches of locally contrast-normalised photographs, read with
 * {@code javax.imageio}) with the bundled {@code natural-images} set as its default.
 *
 * <p>The bundled files live under {@code dev/latent/datasets/mnist-subset/} and
 * {@code dev/latent/datasets/natural-images/}, folders whose names are not package names (a
 * dash does it), so they are readable from this module whether it runs on the module
 * path or the class path. Everything under {@code dev.latent.datasets.internal} is private to
 * this module.
 */
module dev.latent.datasets {
    requires transitive dev.latent.api;
    requires java.desktop;

    exports dev.latent.datasets;

    provides dev.latent.api.data.DatasetProvider with dev.latent.datasets.MnistDatasetProvider,
            dev.latent.datasets.PatchesDatasetProvider;
}
