package dev.latent.api.engine;

/** The element type of a {@link Tensor}. Training runs in float32; gradient checks in float64. */
public enum DType {
    FLOAT32,
    FLOAT64
}
