package dev.latent.optimizers;

import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Parameter;
import java.util.List;

/**
 * The 2-D Rosenbrock function f(x, y) = (1 - x)^2 + 100 (y - x^2)^2, minimised at (1, 1),
 * started at (-1.5, 2) where f = 12.5. Its gradient is
 * df/dx = 2 (x - 1) - 400 x (y - x^2), df/dy = 200 (y - x^2). x and y are separate parameters,
 * so that the optimizers also see more than one.
 */
final class Rosenbrock implements TestFunction {

    private final Engine engine;
    private final Parameter x;
    private final Parameter y;
    private final Tensor residual;
    private final Tensor term;

    Rosenbrock(Engine engine) {
        this.engine = engine;
        this.x = TestKit.parameter(engine, "x", -1.5);
        this.y = TestKit.parameter(engine, "y", 2);
        this.residual = engine.zeros(TestKit.DTYPE, 1);
        this.term = engine.zeros(TestKit.DTYPE, 1);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(x, y);
    }

    @Override
    public void computeGradient() {
        engine.square(x.value(), residual);
        engine.sub(y.value(), residual, residual);           // r = y - x^2
        engine.scale(residual, 200, y.gradient());           // df/dy = 200 r
        engine.mul(x.value(), residual, term);
        engine.scale(term, -400, term);                      // -400 x r
        engine.addScalar(x.value(), -1, x.gradient());
        engine.scale(x.gradient(), 2, x.gradient());         // 2 (x - 1)
        engine.add(x.gradient(), term, x.gradient());        // df/dx
    }

    @Override
    public double value() {
        double xv = x.value().toDoubleArray()[0];
        double yv = y.value().toDoubleArray()[0];
        return (1 - xv) * (1 - xv) + 100 * (yv - xv * xv) * (yv - xv * xv);
    }

    @Override
    public double distanceToMinimum() {
        return Math.hypot(x.value().toDoubleArray()[0] - 1, y.value().toDoubleArray()[0] - 1);
    }
}
