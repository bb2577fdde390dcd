package dev.latent.models.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latent.api.engine.Activation;
import dev.latent.api.engine.ConvGeometry;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Parameter;
import dev.latent.models.GradientCheck;
import dev.latent.models.TestEngine;
import dev.latent.models.loss.MeanSquaredError;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The diagonal-Hessian backward. For a layer that is linear in each parameter element and each
 * input element on its own (Linear, Diag, the convolutions, pooling) under a squared error the
 * Gauss-Newton diagonal is the exact Hessian diagonal, so it is checked against second
 * differences; for activations, h_x = h_y f'(x)^2 is checked with f' from first differences.
 */
class CurvatureTest {

    private static final DType F64 = DType.FLOAT64;
    private final Engine engine = TestEngine.cpu();

    /**
     * Checks layer.backwardCurvature under a squared error against second differences of the
     * loss, for every parameter element and every input element: exact when the layer is linear
     * in each of them (then the Gauss-Newton diagonal is the Hessian diagonal).
     */
    private void assertExactHessianDiagonal(Layer layer, int batch, int in, long seed) {
        MeanSquaredError mse = new MeanSquaredError(engine);
        int out = layer.outputSize(in);
        Tensor x = engine.zeros(F64, batch, in);
        Tensor t = engine.zeros(F64, batch, out);
        engine.random(seed).fillGaussian(x, 0, 1);
        engine.random(seed + 1).fillGaussian(t, 0, 1);
        Tensor h = engine.zeros(F64, batch, out);
        mse.curvature(layer.forward(x, true), t, h);
        double[] hx = layer.backwardCurvature(h, true).toDoubleArray();
        DoubleSupplier loss = () -> mse.value(layer.forward(x, true), t);
        for (Parameter p : layer.parameters()) {
            double[] hp = p.curvature().toDoubleArray();
            for (int i = 0; i < hp.length; i++) {
                assertEquals(GradientCheck.secondDifference(engine, p.value(), i, loss), hp[i], 1e-5,
                        "h of " + p.name() + "[" + i + "]");
            }
        }
        for (int i = 0; i < hx.length; i++) {
            assertEquals(GradientCheck.secondDifference(engine, x, i, loss), hx[i], 1e-5, layer + " h_x[" + i + "]");
        }
        layer.forward(x, true);
        assertNull(layer.backwardCurvature(h, false), layer + " skips the input curvature");
    }

    @Test
    void linearUnderSquaredErrorGivesTheExactHessianDiagonal() {
        assertExactHessianDiagonal(new Linear("fc", 4, 3, engine, F64, engine.random(5)), 6, 4, 6);
    }

    @Test
    void diagUnderSquaredErrorGivesTheExactHessianDiagonal() {
        Diag diag = new Diag("d", 3, engine, F64);
        engine.random(10).fillUniform(diag.gain().value(), 0.5, 2);
        assertExactHessianDiagonal(diag, 4, 3, 11);
    }

    @Test
    void channelGainUnderSquaredErrorGivesTheExactHessianDiagonal() {
        ChannelGain gain = new ChannelGain("g", 2, 2, 3, engine, F64);
        engine.random(12).fillUniform(gain.gain().value(), 0.5, 2);
        assertExactHessianDiagonal(gain, 3, 12, 13);
    }

    @Test
    void convolutionsUnderSquaredErrorGiveTheExactHessianDiagonal() {
        // kernel 3, stride 2, padding 1 (5x5 -> 3x3), and its transpose with output padding 1 (3x3 -> 6x6)
        ConvGeometry down = ConvGeometry.of(3, 2, 1);
        assertExactHessianDiagonal(new Conv2d("conv", 2, 3, 5, 5, down, engine, F64, engine.random(20)), 2, 50, 21);
        assertExactHessianDiagonal(new ConvTranspose2d("deconv", 2, 3, 3, 3, down.withOutputPadding(1), engine, F64,
                engine.random(22)), 2, 18, 23);
        // a non-square geometry, overlapping windows
        assertExactHessianDiagonal(new Conv2d("rect", 2, 2, 5, 4, new ConvGeometry(3, 2, 2, 1, 1, 0, 0, 0), engine,
                F64, engine.random(24)), 2, 40, 25);
    }

    @Test
    void poolingUnderSquaredErrorGivesTheExactHessianDiagonal() {
        // pooling is linear; max pooling between ties, and Gaussian inputs have none within the step
        ConvGeometry down = ConvGeometry.of(3, 2, 1);
        assertExactHessianDiagonal(new AvgPool2d(2, 5, 5, down, engine, F64), 2, 50, 18);
        assertExactHessianDiagonal(new AvgUnpool2d(2, 3, 3, down.withOutputPadding(1), engine, F64), 2, 18, 20);
        MaxPool2d pool = new MaxPool2d(2, 5, 5, down, engine, F64);
        assertExactHessianDiagonal(pool, 2, 50, 22);
        assertExactHessianDiagonal(new MaxUnpool2d(pool), 2, 18, 24);      // with the pool's last indices
    }

    @Test
    void convolutionCurvatureAccumulatesAndMaySkipTheInput() {
        for (ConvolutionLayer layer : List.<ConvolutionLayer>of(
                new Conv2d("conv", 2, 3, 5, 5, ConvGeometry.of(3, 2, 1), engine, F64, engine.random(26)),
                new ConvTranspose2d("deconv", 2, 3, 3, 3, ConvGeometry.of(3, 2, 1).withOutputPadding(1), engine, F64,
                        engine.random(27)))) {
            int in = layer.inputSize();
            Tensor x = engine.zeros(F64, 2, in);
            Tensor h = engine.zeros(F64, 2, layer.outputSize());
            engine.random(28).fillGaussian(x, 0, 1);
            engine.random(29).fillUniform(h, 0, 1);
            layer.forward(x, true);
            double[] hx = layer.backwardCurvature(h, true).toDoubleArray();
            double[] hw = layer.weight().curvature().toDoubleArray();
            double[] hb = layer.bias().curvature().toDoubleArray();
            assertNull(layer.backwardCurvature(h, false));
            assertArrayEquals(Arrays.stream(hw).map(v -> 2 * v).toArray(), layer.weight().curvature().toDoubleArray(),
                    1e-12, layer + " h_W adds up");
            assertArrayEquals(Arrays.stream(hb).map(v -> 2 * v).toArray(), layer.bias().curvature().toDoubleArray(),
                    1e-12, layer + " h_b adds up");
            assertTrue(Arrays.stream(hx).allMatch(v -> v >= 0) && Arrays.stream(hx).anyMatch(v -> v > 0),
                    layer + " h_x is a nonnegative diagonal");
            layer.close();
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
