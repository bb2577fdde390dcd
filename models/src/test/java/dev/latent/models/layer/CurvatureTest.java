package dev.latent.models.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.latent.api.engine.Activation;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.models.GradientCheck;
import dev.latent.models.TestEngine;
import dev.latent.models.loss.MeanSquaredError;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The diagonal-Hessian backward. For a linear layer under a squared error the Gauss-Newton
 * diagonal is the exact Hessian diagonal, so it is checked against second differences; for
 * activations, h_x = h_y f'(x)^2 is checked with f' from first differences.
 */
class CurvatureTest {

    private static final DType F64 = DType.FLOAT64;
    private final Engine engine = TestEngine.cpu();

    @Test
    void linearUnderSquaredErrorGivesTheExactHessianDiagonal() {
        Linear fc = new Linear("fc", 4, 3, engine, F64, engine.random(5));
        MeanSquaredError mse = new MeanSquaredError(engine);
        Tensor x = engine.zeros(F64, 6, 4);
        Tensor t = engine.zeros(F64, 6, 3);
        engine.random(6).fillGaussian(x, 0, 1);
        engine.random(7).fillGaussian(t, 0, 1);
        Tensor h = engine.zeros(F64, 6, 3);
        mse.curvature(fc.forward(x, true), t, h);
        double[] hx = fc.backwardCurvature(h, true).toDoubleArray();
        DoubleSupplier loss = () -> mse.value(fc.forward(x, true), t);
        double[] hw = fc.weight().curvature().toDoubleArray();
        double[] hb = fc.bias().curvature().toDoubleArray();
        for (int i = 0; i < hw.length; i++) {
            assertEquals(GradientCheck.secondDifference(engine, fc.weight().value(), i, loss), hw[i], 1e-5, "h_W[" + i + "]");
        }
        for (int i = 0; i < hb.length; i++) {
            assertEquals(GradientCheck.secondDifference(engine, fc.bias().value(), i, loss), hb[i], 1e-5, "h_b[" + i + "]");
        }
        for (int i = 0; i < hx.length; i++) {
            assertEquals(GradientCheck.secondDifference(engine, x, i, loss), hx[i], 1e-5, "h_x[" + i + "]");
        }
    }

    @Test
    void diagUnderSquaredErrorGivesTheExactHessianDiagonal() {
        Diag diag = new Diag("d", 3, engine, F64);
        engine.random(10).fillUniform(diag.gain().value(), 0.5, 2);
        MeanSquaredError mse = new MeanSquaredError(engine);
        Tensor x = engine.zeros(F64, 4, 3);
        Tensor t = engine.zeros(F64, 4, 3);
        engine.random(11).fillGaussian(x, 0, 1);
        engine.random(12).fillGaussian(t, 0, 1);
        Tensor h = engine.zeros(F64, 4, 3);
        mse.curvature(diag.forward(x, true), t, h);
        double[] hx = diag.backwardCurvature(h, true).toDoubleArray();
        DoubleSupplier loss = () -> mse.value(diag.forward(x, true), t);
        double[] hg = diag.gain().curvature().toDoubleArray();
        for (int i = 0; i < hg.length; i++) {
            assertEquals(GradientCheck.secondDifference(engine, diag.gain().value(), i, loss), hg[i], 1e-5, "h_g[" + i + "]");
        }
        for (int i = 0; i < hx.length; i++) {
            assertEquals(GradientCheck.secondDifference(engine, x, i, loss), hx[i], 1e-5, "h_x[" + i + "]");
        }
    }

    @Test
    void curvatureAccumulatesAcrossCalls() {
        Linear fc = new Linear("fc", 2, 2, engine, F64, engine.random(8));
        Tensor x = engine.fromArray(new double[] {1, 2, 3, 4}, F64, 2, 2);
        Tensor h = engine.fromArray(new double[] {1, 1, 1, 1}, F64, 2, 2);
        fc.forward(x, true);
        fc.backwardCurvature(h, false);
        fc.backwardCurvature(h, false);
        // h_W = 2 * (x^2)^T h: rows sum x_i^2 over the batch: (1 + 9) and (4 + 16)
        assertEquals(java.util.List.of(20.0, 20.0, 40.0, 40.0),
                java.util.Arrays.stream(fc.weight().curvature().toDoubleArray()).boxed().toList());
        assertEquals(java.util.List.of(4.0, 4.0),
                java.util.Arrays.stream(fc.bias().curvature().toDoubleArray()).boxed().toList());
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void activationCurvatureIsTheSquaredSlope(Activation f) {
        ActivationLayer layer = new ActivationLayer(f, engine, F64, 4);
        Tensor x = engine.fromArray(new double[] {-1.5, -0.3, 0.4, 2}, F64, 1, 4);
        Tensor hOut = engine.fromArray(new double[] {1, 2, 3, 4}, F64, 1, 4);
        layer.forward(x, true);
        double[] hIn = layer.backwardCurvature(hOut, true).toDoubleArray();
        Tensor unit = engine.zeros(F64, 1, 4);
        for (int i = 0; i < 4; i++) {
            engine.fill(unit, 0);
            double[] u = new double[4];
            u[i] = 1;
            engine.assign(unit, u);
            double slope = GradientCheck.numeric(engine, x, i, () -> engine.dot(unit, layer.forward(x, true)));
            assertEquals((i + 1) * slope * slope, hIn[i], 1e-6, f + " element " + i);
        }
    }
}
