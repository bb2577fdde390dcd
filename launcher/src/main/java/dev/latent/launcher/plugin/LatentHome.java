package dev.latent.launcher.plugin;

import java.nio.file.Path;

/**
 * The distribution folder the launcher runs from: {@code engines/<name>/} (one folder of jars
 * per engine), {@code plugins/} (third-party plugin jars) and {@code profiles/} (shipped
 * manifests). The {@code latent} script passes it as the system property {@code latent.home}.
 */
public record LatentHome(Path root) {

    public static final String PROPERTY = "latent.home";

    /** The home named by {@code -Dlatent.home}, else the current folder. */
    public static LatentHome detect() {
        return new LatentHome(Path.of(System.getProperty(PROPERTY, ".")).toAbsolutePath().normalize());
    }

    public Path engines() {
        return root.resolve("engines");
    }

    public Path plugins() {
        return root.resolve("plugins");
    }

    public Path profiles() {
        return root.resolve("profiles");
    }
}
