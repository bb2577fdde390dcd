package dev.latent.api.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

/**
 * A finite-difference check of a backward operation, for float64 tensors. The scalar checked is
 * L = sum(R * out) for a fixed random R of out's shape, so dL/dout = R: the backward is run with
 * gradOut = R, and each gradient element is compared with the central difference
 * (L(p + h) - L(p - h)) / 2h of its parameter element. Gradient tensors are filled with garbage
 * before the backward, so an operation that accumulates instead of overwriting fails.
 */
public final class GradientCheck {

    /** A tensor the output depends on (an input, weight or bias) and the gradient the backward writes for it. */
    public record Pair(Tensor value, Tensor gradient) {
    }

    private static final double H = 1e-6;
    private static final double TOLERANCE = 1e-7;

    private GradientCheck() {
    }

    /** Shorthand for a {@link Pair}. */
    public static Pair of(Tensor value, Tensor gradient) {
        return new Pair(value, gradient);
    }

    /**
     * @param engine   the engine of every tensor
     * @param out      the output that {@code forward} writes
     * @param forward  computes out from the current values of the pairs
     * @param gradOut  a tensor of out's shape that {@code backward} reads as dL/dout
     * @param backward writes every pair's gradient from gradOut (and the values)
     * @param pairs    the parameters to perturb, with their gradients
     */
    public static void check(Engine engine, Tensor out, Runnable forward, Tensor gradOut, Runnable backward,
                             Pair... pairs) {
        Random random = new Random(1234);
        double[] r = new double[(int) out.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = 2 * random.nextDouble() - 1;
        }
        engine.assign(gradOut, r);
        forward.run();
        for (Pair p : pairs) {
            engine.fill(p.gradient(), 7.0);
        }
        backward.run();
        for (Pair p : pairs) {
            double[] analytic = p.gradient().toDoubleArray();
            double[] values = p.value().toDoubleArray();
            for (int i = 0; i < values.length; i++) {
                double saved = values[i];
                values[i] = saved + H;
                engine.assign(p.value(), values);
                double plus = loss(engine, forward, out, r);
                values[i] = saved - H;
                engine.assign(p.value(), values);
                double minus = loss(engine, forward, out, r);
                values[i] = saved;
                engine.assign(p.value(), values);
                double numeric = (plus - minus) / (2 * H);
                assertEquals(numeric, analytic[i], TOLERANCE * Math.max(1, Math.abs(numeric)),
                        "d/d" + p.value() + "[" + i + "]: finite difference " + numeric + ", backward " + analytic[i]);
            }
        }
    }

    private static double loss(Engine engine, Runnable forward, Tensor out, double[] r) {
        forward.run();
        double[] o = out.toDoubleArray();
        double sum = 0;
        for (int i = 0; i < o.length; i++) {
            sum += r[i] * o[i];
        }
        return sum;
    }

    /** Fills a tensor with reproducible values in [-1, 1). */
    public static Tensor randomFill(Engine engine, Tensor t, long seed) {
        Random random = new Random(seed);
        double[] v = new double[(int) t.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = 2 * random.nextDouble() - 1;
        }
        engine.assign(t, v);
        return t;
    }
}
