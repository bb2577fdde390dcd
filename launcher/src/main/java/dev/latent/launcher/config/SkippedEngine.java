package dev.latent.launcher.config;

/**
 * An engine the manifest listed before the one chosen, and why it was passed over.
 *
 * @param name   the engine's name
 * @param reason why it cannot run here, as its provider's availability says
 */
public record SkippedEngine(String name, String reason) {

    @Override
    public String toString() {
        return name + " is unavailable: " + reason;
    }
}
