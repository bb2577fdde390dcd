package dev.latent.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import java.util.function.DoubleSupplier;

/**
 * Central finite differences in float64: perturbs single elements of a tensor and compares
 * (f(x + e) - f(x - e)) / 2e with the analytic derivative.
 */
public final class GradientCheck {

    public static final double EPS = 1e-6;

    private GradientCheck() {
    }

    /** The numeric derivative of {@code f} w.r.t. element {@code i} of {@code t}. */
    public static double numeric(Engine engine, Tensor t, int i, DoubleSupplier f) {
        double[] values = t.toDoubleArray();
        double original = values[i];
        values[i] = original + EPS;
        engine.assign(t, values);
        double plus = f.getAsDouble();
        values[i] = original - EPS;
        engine.assign(t, values);
        double minus = f.getAsDouble();
        values[i] = original;
        engine.assign(t, values);
        return (plus - minus) / (2 * EPS);
    }

    /**
     * The numeric second derivative of {@code f} w.r.t. element {@code i} of {@code t}:
     * (f(x + e) - 2 f(x) + f(x - e)) / e^2 with e = 1e-4, for curvature checks.
     */
    public static double secondDifference(Engine engine, Tensor t, int i, DoubleSupplier f) {
        double e = 1e-4;
        double[] values = t.toDoubleArray();
        double original = values[i];
        double center = f.getAsDouble();
        values[i] = original + e;
        engine.assign(t, values);
        double plus = f.getAsDouble();
        values[i] = original - e;
        engine.assign(t, values);
        double minus = f.getAsDouble();
        values[i] = original;
        engine.assign(t, values);
        return (plus - 2 * center + minus) / (e * e);
    }

    /**
     * Checks every element (at most {@code limit}, evenly spread) of {@code analytic} against
     * the numeric derivative of f w.r.t. the same element of {@code t}.
     */
    public static void assertGradient(String what, Engine engine, Tensor t, double[] analytic, DoubleSupplier f, int limit) {
        int n = analytic.length;
        int stride = Math.max(1, n / limit);
        for (int i = 0; i < n; i += stride) {
            double expected = numeric(engine, t, i, f);
            double tolerance = 1e-6 * Math.max(1, Math.abs(expected));
            assertEquals(expected, analytic[i], tolerance, what + " element " + i);
        }
    }
}
