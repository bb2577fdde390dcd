package dev.latent.models.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Parameter;
import dev.latent.models.CountingEngine;
import dev.latent.models.GradientCheck;
import dev.latent.models.TestEngine;
import dev.latent.models.loss.MeanSquaredError;
import java.util.List;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/**
 * Batch normalisation: its forward against the equations computed here by hand, the running
 * estimates (momentum 0.1, unbiased variance) and their use in evaluation, float64 gradient
 * checks through the batch statistics, the curvature backward, and allocations.
 */
class BatchNormTest {

    private static final DType F64 = DType.FLOAT64;
    private final Engine engine = TestEngine.cpu();

    private Tensor gaussian(int rows, int columns, long seed, double mean, double std) {
        Tensor t = engine.zeros(F64, rows, columns);
        engine.random(seed).fillGaussian(t, mean, std);
        return t;
    }

    /** A layer of 3 channels of 4 positions with gamma and beta away from 1 and 0. */
    private BatchNorm layer() {
        BatchNorm bn = new BatchNorm("bn", 3, 4, engine, F64);
        engine.assign(bn.gamma().value(), new double[] {0.5, -1.5, 2});
        engine.assign(bn.beta().value(), new double[] {0.1, 0, -0.3});
        return bn;
    }

    /** Per channel c: the mean and biased variance of x[n, c*P + p] over n and p. */
    private static double[][] channelStatistics(double[] x, int rows, int channels, int positions) {
        double[] mean = new double[channels];
        double[] var = new double[channels];
        int m = rows * positions;
        for (int c = 0; c < channels; c++) {
            for (int n = 0; n < rows; n++) {
                for (int p = 0; p < positions; p++) {
                    mean[c] += x[n * channels * positions + c * positions + p] / m;
                }
            }
            for (int n = 0; n < rows; n++) {
                for (int p = 0; p < positions; p++) {
                    double d = x[n * channels * positions + c * positions + p] - mean[c];
                    var[c] += d * d / m;
                }
            }
        }
        return new double[][] {mean, var};
    }

    @Test
    void trainingNormalisesEachChannelOverBatchAndPositionsAndUpdatesTheRunningEstimates() {
        BatchNorm bn = layer();
        Tensor x = gaussian(5, 12, 1, 3, 2);
        double[] xs = x.toDoubleArray();
        double[] y = bn.forward(x, true).toDoubleArray();
        double[][] stats = channelStatistics(xs, 5, 3, 4);
        double[] gamma = {0.5, -1.5, 2};
        double[] beta = {0.1, 0, -0.3};
        for (int i = 0; i < xs.length; i++) {
            int c = (i % 12) / 4;
            double expected = gamma[c] * (xs[i] - stats[0][c]) / Math.sqrt(stats[1][c] + 1e-5) + beta[c];
            assertEquals(expected, y[i], 1e-12, "y[" + i + "]");
        }
        double[] runningMean = bn.runningMean().toDoubleArray();
        double[] runningVar = bn.runningVar().toDoubleArray();
        for (int c = 0; c < 3; c++) {
            assertEquals(0.1 * stats[0][c], runningMean[c], 1e-12, "running mean " + c);
            assertEquals(0.9 + 0.1 * stats[1][c] * 20 / 19, runningVar[c], 1e-12, "running var " + c + " (unbiased)");
        }
        bn.forward(x, true);
        assertEquals(0.19 * stats[0][1], bn.runningMean().toDoubleArray()[1], 1e-12, "a second step moves them again");
    }

    @Test
    void evaluationUsesTheRunningEstimatesAndLeavesThemAlone() {
        BatchNorm bn = layer();
        engine.assign(bn.runningMean(), new double[] {1, -2, 0.5});
        engine.assign(bn.runningVar(), new double[] {4, 0.25, 9});
        Tensor x = gaussian(2, 12, 2, 0, 1);
        double[] xs = x.toDoubleArray();
        double[] y = bn.forward(x, false).toDoubleArray();
        double[] gamma = {0.5, -1.5, 2};
        double[] beta = {0.1, 0, -0.3};
        double[] mean = {1, -2, 0.5};
        double[] var = {4, 0.25, 9};
        for (int i = 0; i < xs.length; i++) {
            int c = (i % 12) / 4;
            assertEquals(gamma[c] * (xs[i] - mean[c]) / Math.sqrt(var[c] + 1e-5) + beta[c], y[i], 1e-12, "y[" + i + "]");
        }
        assertArrayEquals(mean, bn.runningMean().toDoubleArray());
        assertArrayEquals(var, bn.runningVar().toDoubleArray());
        // a batch of one row is fine in evaluation, where no statistic is taken from it
        assertEquals(12, bn.forward(gaussian(1, 12, 3, 0, 1), false).size());
    }

    @Test
    void buffersAreNamedAfterTheLayerAsPyTorchNamesThem() {
        BatchNorm bn = layer();
        assertEquals(List.of("bn.weight", "bn.bias"), bn.parameters().stream().map(Parameter::name).toList());
        assertEquals(List.of("bn.running_mean", "bn.running_var"), List.copyOf(bn.buffers().keySet()));
        assertArrayEquals(new double[] {0, 0, 0}, bn.runningMean().toDoubleArray());
        assertArrayEquals(new double[] {1, 1, 1}, bn.runningVar().toDoubleArray());
        Layer net = new Sequential(List.of(bn, new ActivationLayer(dev.latent.api.engine.Activation.RELU, engine, F64, 12),
                new BatchNorm("next", 12, 1, engine, F64)));
        assertEquals(List.of("bn.running_mean", "bn.running_var", "next.running_mean", "next.running_var"),
                List.copyOf(net.buffers().keySet()));
        Layer twice = new Sequential(List.of(new BatchNorm("same", 2, 1, engine, F64), new BatchNorm("same", 2, 1, engine, F64)));
        assertEquals("two buffers are named same.running_mean",
                assertThrows(IllegalStateException.class, twice::buffers).getMessage());
    }

    /** Checks backward against finite differences of L = sum(R * bn(x)), in the given mode. */
    private void assertGradients(BatchNorm bn, int rows, int size, boolean training, long seed) {
        Tensor x = gaussian(rows, size, seed, 1, 2);
        Tensor r = gaussian(rows, size, seed + 1, 0, 1);
        DoubleSupplier loss = () -> engine.dot(r, bn.forward(x, training));
        bn.forward(x, training);
        double[] gradX = bn.backward(r, true).toDoubleArray();
        double[] gradGamma = bn.gamma().gradient().toDoubleArray();
        double[] gradBeta = bn.beta().gradient().toDoubleArray();
        GradientCheck.assertGradient(bn + " input", engine, x, gradX, loss, 1000);
        GradientCheck.assertGradient("gamma", engine, bn.gamma().value(), gradGamma, loss, 100);
        GradientCheck.assertGradient("beta", engine, bn.beta().value(), gradBeta, loss, 100);
        bn.forward(x, training);
        assertNull(bn.backward(r, false), "the first layer skips the input gradient");
        assertArrayEquals(gradGamma, bn.gamma().gradient().toDoubleArray(), 0, "and still fills the parameters'");
    }

    @Test
    void trainingGradientsGoThroughTheBatchStatistics() {
        assertGradients(layer(), 5, 12, true, 4);
    }

    @Test
    void denseFeaturesHaveOnePositionPerChannel() {
        BatchNorm dense = new BatchNorm("dense", 7, 1, engine, F64);
        engine.random(8).fillUniform(dense.gamma().value(), 0.5, 2);
        engine.random(9).fillUniform(dense.beta().value(), -1, 1);
        assertGradients(dense, 4, 7, true, 10);
        assertEquals("BatchNorm dense needs at least 2 values per channel in training, found a batch of 1 with 1"
                + " position(s) per channel",
                assertThrows(IllegalArgumentException.class, () -> dense.forward(gaussian(1, 7, 1, 0, 1), true)).getMessage());
    }

    @Test
    void evaluationGradientsTreatTheRunningEstimatesAsConstants() {
        BatchNorm bn = layer();
        engine.assign(bn.runningMean(), new double[] {1, -2, 0.5});
        engine.assign(bn.runningVar(), new double[] {4, 0.25, 9});
        assertGradients(bn, 3, 12, false, 12);
    }

    @Test
    void wrongShapesAreRefused() {
        BatchNorm bn = layer();
        assertEquals("BatchNorm bn expects 12 inputs (3 channels x 4 positions), found 10",
                assertThrows(IllegalArgumentException.class, () -> bn.outputSize(10)).getMessage());
        assertEquals("BatchNorm bn: backward before forward",
                assertThrows(IllegalStateException.class, () -> bn.backward(gaussian(2, 12, 1, 0, 1), true)).getMessage());
        bn.forward(gaussian(2, 12, 1, 0, 1), true);
        assertEquals("BatchNorm bn expects an output gradient of shape [2, 12] (the last forward's batch), found [3, 12]",
                assertThrows(IllegalArgumentException.class, () -> bn.backward(gaussian(3, 12, 1, 0, 1), true)).getMessage());
    }

    /**
     * The Gauss-Newton diagonal of input i with the statistics' dependence kept: the sum over the
     * outputs j of (dy_j / dx_i)^2 h_y[j], the Jacobian's column from central differences.
     */
    private double gaussNewtonDiagonal(BatchNorm bn, Tensor x, int i, double[] hy) {
        double e = 1e-6;
        double[] values = x.toDoubleArray();
        double original = values[i];
        values[i] = original + e;
        engine.assign(x, values);
        double[] plus = bn.forward(x, true).toDoubleArray();
        values[i] = original - e;
        engine.assign(x, values);
        double[] minus = bn.forward(x, true).toDoubleArray();
        values[i] = original;
        engine.assign(x, values);
        double sum = 0;
        for (int j = 0; j < hy.length; j++) {
            double dy = (plus[j] - minus[j]) / (2 * e);
            sum += dy * dy * hy[j];
        }
        return sum;
    }

    /**
     * Under a squared error, gamma and beta enter linearly, so the Gauss-Newton diagonal is their
     * exact Hessian diagonal (second differences); the input's is h_y (gamma / sqrt(var + eps))^2,
     * the statistics held constant, within a relative 3 (1 + xhat^2) / M (here M = 64 values per
     * channel) of the Gauss-Newton diagonal whose Jacobian moves the statistics too.
     */
    @Test
    void curvatureIsExactForGammaAndBetaAndHoldsTheStatisticsConstantForTheInput() {
        BatchNorm bn = new BatchNorm("bn", 2, 16, engine, F64);
        engine.assign(bn.gamma().value(), new double[] {0.7, -1.3});
        engine.assign(bn.beta().value(), new double[] {0.2, -0.1});
        MeanSquaredError mse = new MeanSquaredError(engine);
        Tensor x = gaussian(4, 32, 21, 0.5, 1.5);
        Tensor t = gaussian(4, 32, 22, 0, 1);
        Tensor h = engine.zeros(F64, 4, 32);
        mse.curvature(bn.forward(x, true), t, h);
        double[] hy = h.toDoubleArray();
        double[] hx = bn.backwardCurvature(h, true).toDoubleArray();
        DoubleSupplier loss = () -> mse.value(bn.forward(x, true), t);
        for (Parameter p : bn.parameters()) {
            double[] hp = p.curvature().toDoubleArray();
            for (int i = 0; i < hp.length; i++) {
                assertEquals(GradientCheck.secondDifference(engine, p.value(), i, loss), hp[i], 1e-6,
                        "h of " + p.name() + "[" + i + "]");
            }
        }
        double[] xs = x.toDoubleArray();
        double[][] stats = channelStatistics(xs, 4, 2, 16);
        double[] gamma = {0.7, -1.3};
        for (int i = 0; i < hx.length; i++) {
            int c = (i % 32) / 16;
            double gain = gamma[c] / Math.sqrt(stats[1][c] + 1e-5);
            assertEquals(hy[i] * gain * gain, hx[i], 1e-12, "h_x[" + i + "]");
            // what the constant statistics leave out of dy_i/dx_i is gain (1 + xhat_i^2) / M
            double xhat = (xs[i] - stats[0][c]) / Math.sqrt(stats[1][c] + 1e-5);
            double exact = gaussNewtonDiagonal(bn, x, i, hy);
            assertEquals(exact, hx[i], 3 * (1 + xhat * xhat) / 64 * exact,
                    "h_x[" + i + "] near the Gauss-Newton diagonal through the statistics");
        }
        double[] before = bn.gamma().curvature().toDoubleArray();
        bn.forward(x, true);
        assertNull(bn.backwardCurvature(h, false));
        double[] after = bn.gamma().curvature().toDoubleArray();
        for (int i = 0; i < before.length; i++) {
            assertEquals(2 * before[i], after[i], 1e-12, "curvature accumulates");
        }
    }

    @Test
    void stepsAfterTheFirstOfABatchSizeAllocateNothing() {
        CountingEngine counter = new CountingEngine(engine);
        Engine counting = counter.engine();
        BatchNorm bn = new BatchNorm("bn", 8, 25, counting, DType.FLOAT32);
        Tensor batch = engine.zeros(DType.FLOAT32, 16, 200);
        engine.random(3).fillUniform(batch, 0, 1);
        Tensor gradient = engine.zeros(DType.FLOAT32, 16, 200);
        engine.random(4).fillGaussian(gradient, 0, 1);
        int afterInit = counter.allocations();
        bn.forward(batch, true);
        bn.backward(gradient, true);
        int afterFirst = counter.allocations();
        assertTrue(afterFirst > afterInit, "the first step allocates its buffers");
        for (int i = 0; i < 3; i++) {
            bn.forward(batch, true);
            bn.backward(gradient, true);
            bn.forward(batch, false);
            bn.backward(gradient, false);
            bn.forward(batch, true);
            bn.backwardCurvature(gradient, true);
        }
        assertEquals(afterFirst, counter.allocations(), "steps after the first reuse their buffers");
    }
}
