package dev.latent.launcher.train;

/**
 * The settings of the probe optimizer in {@link SampleSchedulesTest}: a {@code curvature} key,
 * as sgd's has, so that errors name {@code optimizer.curvature}. Public, because the launcher
 * reads records by reflection to save the resolved manifest.
 *
 * @param curvature the samples between two estimates
 */
public record ProbeSettings(long curvature) {
}
