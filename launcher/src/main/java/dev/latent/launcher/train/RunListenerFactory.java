package dev.latent.launcher.train;

import java.nio.file.Path;

/** Opens the run listeners a manifest chose, once the run's folder exists. */
@FunctionalInterface
public interface RunListenerFactory {

    RunListeners open(Path runFolder);
}
