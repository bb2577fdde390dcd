package dev.latent.optimizers;

import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Parameter;
import java.util.List;

/**
 * The quadratic f(x) = 0.5 * sum a_i (x_i - c_i)^2, minimised at x = c, started at x = 0;
 * its gradient is a * (x - c).
 */
final class Quadratic implements TestFunction {

    private final Engine engine;
    private final Tensor a;
    private final Tensor c;
    private final Parameter x;

    Quadratic(Engine engine, double[] a, double[] c) {
        this.engine = engine;
        this.a = engine.fromArray(a, TestKit.DTYPE, a.length);
        this.c = engine.fromArray(c, TestKit.DTYPE, c.length);
        this.x = TestKit.parameter(engine, "x", new double[c.length]);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(x);
    }

    @Override
    public void computeGradient() {
        engine.sub(x.value(), c, x.gradient());        // g = x - c
        engine.mul(x.gradient(), a, x.gradient());     // g = a * (x - c)
    }

    @Override
    public double value() {
        engine.sub(x.value(), c, x.curvature());       // the curvature tensor serves as scratch
        engine.square(x.curvature(), x.curvature());
        return 0.5 * engine.dot(a, x.curvature());
    }

    @Override
    public double distanceToMinimum() {
        return Math.sqrt(engine.squaredDistance(x.value(), c));
    }
}
