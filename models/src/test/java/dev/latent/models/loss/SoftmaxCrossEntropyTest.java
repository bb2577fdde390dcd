package dev.latent.models.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.models.GradientCheck;
import dev.latent.models.TestEngine;
import org.junit.jupiter.api.Test;

/**
 * Softmax cross-entropy by hand, stable for huge logits, its gradient (p - t) / B and its
 * Gauss-Newton diagonal p (1 - p) / B, each against finite differences in float64 (the gradient
 * for one-hot and for soft targets is also covered by {@link LossTest}).
 */
class SoftmaxCrossEntropyTest {

    private static final DType F64 = DType.FLOAT64;
    private final Engine engine = TestEngine.cpu();
    private final SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(engine);

    @Test
    void valueByHandAndStableForHugeLogits() {
        Tensor z = engine.fromArray(new double[] {1, 2, 3, 1000, 0, -1000}, F64, 2, 3);
        Tensor t = engine.fromArray(new double[] {0, 0, 1, 0, 1, 0}, F64, 2, 3);
        double row0 = -(3 - Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)));
        double row1 = 1000;                      // log p of the middle class is -1000 (up to e^-1000)
        assertEquals((row0 + row1) / 2, loss.value(z, t), 1e-12);
        Tensor uniform = engine.fromArray(new double[] {0.3, 0.3, 0.3, 0.3}, F64, 1, 4);
        Tensor oneHot = engine.fromArray(new double[] {0, 1, 0, 0}, F64, 1, 4);
        assertEquals(Math.log(4), loss.value(uniform, oneHot), 1e-12, "a uniform guess costs log K");
    }

    @Test
    void gradientIsProbabilitiesMinusTargetsOverTheBatch() {
        Tensor z = engine.zeros(F64, 4, 5);
        engine.random(7).fillGaussian(z, 0, 3);
        double[] oneHot = new double[20];
        for (int r = 0; r < 4; r++) {
            oneHot[r * 5 + (r * 3) % 5] = 1;
        }
        Tensor t = engine.fromArray(oneHot, F64, 4, 5);
        Tensor g = engine.zeros(F64, 4, 5);
        double value = loss.compute(z, t, g);
        assertEquals(loss.value(z, t), value, 1e-12);
        double[] zs = z.toDoubleArray();
        double[] expected = new double[20];
        for (int r = 0; r < 4; r++) {
            double sum = 0;
            for (int k = 0; k < 5; k++) {
                sum += Math.exp(zs[r * 5 + k]);
            }
            for (int k = 0; k < 5; k++) {
                expected[r * 5 + k] = (Math.exp(zs[r * 5 + k]) / sum - oneHot[r * 5 + k]) / 4;
            }
        }
        assertArrayEquals(expected, g.toDoubleArray(), 1e-12);
        GradientCheck.assertGradient("cross_entropy", engine, z, g.toDoubleArray(), () -> loss.value(z, t), 100);
    }

    @Test
    void curvatureIsTheDiagonalOfTheHessian() {
        Tensor z = engine.zeros(F64, 3, 4);
        engine.random(8).fillGaussian(z, 0, 1);
        double[] oneHot = new double[12];
        oneHot[1] = oneHot[4] = oneHot[11] = 1;
        Tensor t = engine.fromArray(oneHot, F64, 3, 4);
        Tensor h = engine.zeros(F64, 3, 4);
        loss.curvature(z, t, h);
        double[] analytic = h.toDoubleArray();
        for (int i = 0; i < 12; i++) {
            double numeric = GradientCheck.secondDifference(engine, z, i, () -> loss.value(z, t));
            assertEquals(numeric, analytic[i], 1e-5, "element " + i);
        }
    }
}
