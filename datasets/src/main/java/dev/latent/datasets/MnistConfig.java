package dev.latent.datasets;

import dev.latent.api.config.Checks;
import dev.latent.api.config.Setting;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The configuration of the {@code mnist} dataset: where its four IDX files are and how many
 * samples of each split to keep.
 *
 * <p>Validated when constructed: a negative limit, or a directory that cannot be a path (a NUL
 * character), is a {@link dev.latent.api.config.ConfigException} naming the key and the value. A {@code null} directory (an empty YAML value) means the bundled
 * subset, as the empty string does.
 *
 * @param directory  the folder holding {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 *                   {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte}, each raw or
 *                   gzipped (with or without {@code .gz}), relative to the manifest's folder; empty
 *                   for the bundled 10,000-digit MNIST subset
 * @param trainLimit keep only the first this many training samples; 0 keeps them all
 * @param testLimit  keep only the first this many test samples; 0 keeps them all
 */
public record MnistConfig(
        @Setting(value = "folder with the four MNIST-layout IDX files (train-images-idx3-ubyte,"
                + " train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte, raw or"
                + " .gz), relative to the manifest; empty for the bundled 10,000-digit MNIST subset",
                defaultValue = "")
        String directory,
        @Setting(value = "keep only the first N training samples; 0 keeps all", defaultValue = "0")
        int trainLimit,
        @Setting(value = "keep only the first N test samples; 0 keeps all", defaultValue = "0")
        int testLimit) {

    public MnistConfig {
        directory = directory == null ? "" : directory.strip();
        Checks.of()
                .that(pathFault(directory) == null, "directory", "cannot be a folder name: " + pathFault(directory))
                .nonNegative("trainLimit", trainLimit)
                .nonNegative("testLimit", testLimit)
                .done();
    }

    /**
     * Why {@code directory} cannot be a path on this platform (a NUL character), or null when it
     * can; shared with the other dataset configurations of this package.
     */
    static String pathFault(String directory) {
        try {
            Path.of(directory);
            return null;
        } catch (InvalidPathException e) {
            return e.getReason();
        }
    }

    /** The bundled subset, every sample. */
    public static MnistConfig bundled() {
        return new MnistConfig("", 0, 0);
    }

    /** Whether this configuration names the bundled subset rather than a folder. */
    public boolean isBundled() {
        return directory.isEmpty();
    }
}
