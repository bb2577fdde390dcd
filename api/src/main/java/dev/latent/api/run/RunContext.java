package dev.latent.api.run;

import java.nio.file.Path;

/**
 * What a run listener is built with besides its own configuration.
 *
 * @param runFolder the run's folder, where a listener may write its own files
 */
public record RunContext(Path runFolder) {
}
