package dev.latent.models.loss;

import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Loss;

/**
 * Mean squared error over every element: L = (1/N) sum (y - t)^2, dL/dy = (2/N)(y - t), and
 * Gauss-Newton curvature d^2L/dy^2 = 2/N. With N the number of elements, L reads as MSE per
 * pixel.
 */
public final class MeanSquaredError implements Loss {

    private final Engine engine;

    public MeanSquaredError(Engine engine) {
        this.engine = engine;
    }

    @Override
    public String name() {
        return "mse";
    }

    @Override
    public double compute(Tensor output, Tensor target, Tensor gradient) {
        double n = output.size();
        engine.sub(output, target, gradient);
        double sumOfSquares = engine.dot(gradient, gradient);
        engine.scale(gradient, 2 / n, gradient);
        return sumOfSquares / n;
    }

    @Override
    public double value(Tensor output, Tensor target) {
        return engine.squaredDistance(output, target) / output.size();
    }

    @Override
    public void curvature(Tensor output, Tensor target, Tensor curvature) {
        engine.fill(curvature, 2.0 / output.size());
    }
}
