package dev.latent.api.data;

import java.nio.file.Path;

/**
 * What a dataset is built with besides its own configuration.
 *
 * @param baseDirectory the folder relative paths in the manifest are resolved against (the
 *                      folder holding the manifest)
 * @param seed          the run's seed, for datasets that sample
 */
public record DatasetContext(Path baseDirectory, long seed) {

    /** Resolves a path from the manifest against {@link #baseDirectory()}. */
    public Path resolve(String path) {
        return baseDirectory.resolve(path).normalize();
    }
}
