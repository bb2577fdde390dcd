package dev.latent.api.model;

import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;

/**
 * What a model is built with besides its own configuration.
 *
 * @param engine     the engine that owns every tensor of the model
 * @param dtype      the element type of parameters and activations
 * @param inputShape the shape of one sample, for example {@code [1, 28, 28]}
 * @param loss       the reconstruction loss chosen in the manifest
 * @param seed       the seed for parameter initialisation and any sampling
 */
public record ModelContext(Engine engine, DType dtype, int[] inputShape, Loss loss, long seed) {

    /** The number of values in one sample. */
    public int inputSize() {
        int n = 1;
        for (int d : inputShape) {
            n *= d;
        }
        return n;
    }
}
