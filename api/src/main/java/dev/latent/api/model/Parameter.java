package dev.latent.api.model;

import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;

/**
 * A named trainable tensor with its gradient and its diagonal-Hessian accumulator, all three of
 * the same shape and allocated once.
 *
 * @param name      a stable, unique, dotted name such as {@code encoder.0.weight}; checkpoints,
 *                  optimizer state and plots address the parameter by it
 * @param value     the parameter itself
 * @param gradient  d loss / d value, overwritten by each {@link Model#trainStep}; optimizers
 *                  rewrite it in place into the update
 * @param curvature the Gauss-Newton estimate of the Hessian's diagonal, accumulated by
 *                  {@link Model#accumulateCurvature}
 */
public record Parameter(String name, Tensor value, Tensor gradient, Tensor curvature) implements AutoCloseable {

    /** A parameter whose value, gradient and curvature are new tensors of zeros of one shape. */
    public static Parameter zeros(String name, Engine engine, DType dtype, int... shape) {
        return new Parameter(name, engine.zeros(dtype, shape), engine.zeros(dtype, shape), engine.zeros(dtype, shape));
    }

    /** Releases the three tensors. */
    @Override
    public void close() {
        value.close();
        gradient.close();
        curvature.close();
    }
}
