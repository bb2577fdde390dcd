package dev.latent.api.engine;

import static dev.latent.api.engine.GradientCheck.of;
import static dev.latent.api.engine.GradientCheck.randomFill;
import static dev.latent.api.engine.TensorAssertions.near;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Max pooling with indices and max unpooling (NCHW): values and indices computed by hand on
 * tiny inputs (padding, overlapping windows, ties, several samples and channels) in float32 and
 * float64, the backward operations as exact adjoints and against finite differences in float64,
 * and the shape checks. Part of {@link EngineConformanceSuite}.
 */
public abstract class MaxPoolingConformanceChecks extends ConvolutionConformanceChecks {

    private static final DType F64 = DType.FLOAT64;

    /** Pools x [1, 1, H, W] (H W = x's length) by g, checks the maxima and their positions. */
    private void pool(DType d, ConvGeometry g, int h, int w, double[] x, double[] max, double[] at) {
        int ho = g.outputHeight(h);
        int wo = g.outputWidth(w);
        Tensor out = engine.zeros(d, 1, 1, ho, wo);
        Tensor indices = engine.zeros(d, 1, 1, ho, wo);
        engine.fill(out, 9);                                  // overwritten
        engine.fill(indices, 9);
        engine.maxPool2d(t(d, s(1, 1, h, w), x), g, out, indices);
        near(d, max, out);
        near(d, at, indices);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void maxPoolPicksTheWindowMaximaAndTheirPositions(DType d) {
        // 4x4, kernel 2, stride 2: the four 2x2 blocks
        pool(d, ConvGeometry.of(2, 2, 0), 4, 4, new double[] {
            1, 5, 2, 0,
            3, 4, 8, 6,
            9, 2, 1, 1,
            0, 7, 3, 4}, new double[] {5, 8, 9, 4}, new double[] {1, 6, 8, 15});
        // rows past the last whole window are ignored: 3x5, kernel 2, stride 2 -> 1x2
        pool(d, ConvGeometry.of(2, 2, 0), 3, 5, new double[] {
            1, 2, 3, 4, 99,
            5, 6, 8, 7, 99,
            99, 99, 99, 99, 99}, new double[] {6, 8}, new double[] {6, 7});
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void maxPoolPaddingNeverWins(DType d) {
        // -1..-9, kernel 2, stride 2, padding 1: windows of the padded 5x5 hold {-1}, {-2, -3},
        // {-4, -7} and {-5, -6, -8, -9} besides the padding; the zeros of the padding lose
        pool(d, ConvGeometry.of(2, 2, 1), 3, 3, new double[] {-1, -2, -3, -4, -5, -6, -7, -8, -9},
                new double[] {-1, -2, -4, -5}, new double[] {0, 1, 3, 4});
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void maxPoolWithOverlappingWindowsAndItsBackwardAddingUp(DType d) {
        // 3x3, kernel 2, stride 1: windows {1,9,3,4}, {9,2,4,8}, {3,4,7,5}, {4,8,5,6}
        Tensor x = t(d, s(1, 1, 3, 3), 1, 9, 2, 3, 4, 8, 7, 5, 6);
        ConvGeometry g = ConvGeometry.of(2, 1, 0);
        Tensor out = engine.zeros(d, 1, 1, 2, 2);
        Tensor indices = engine.zeros(d, 1, 1, 2, 2);
        engine.maxPool2d(x, g, out, indices);
        near(d, new double[] {9, 9, 7, 8}, out);
        near(d, new double[] {1, 1, 6, 5}, indices);       // both top windows chose the 9
        Tensor gx = engine.zeros(d, 1, 1, 3, 3);
        engine.fill(gx, 9);                                 // overwritten, not accumulated
        engine.maxPool2dBackward(t(d, s(1, 1, 2, 2), 1, 2, 3, 4), indices, g, gx);
        near(d, new double[] {0, 1 + 2, 0, 0, 0, 4, 3, 0, 0}, gx);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void maxPoolTiesGoToTheFirstPositionInRowMajorWindowOrder(DType d) {
        pool(d, ConvGeometry.of(2, 2, 0), 2, 2, new double[] {1, 7, 7, 7}, new double[] {7}, new double[] {1});
        pool(d, ConvGeometry.of(2, 2, 0), 2, 2, new double[] {5, 5, 5, 5}, new double[] {5}, new double[] {0});
        // kernel 3, stride 1, padding 1 over a checkerboard of 2s: each window's first 2
        pool(d, ConvGeometry.of(3, 1, 1), 3, 3, new double[] {2, 0, 2, 0, 2, 0, 2, 0, 2},
                new double[] {2, 2, 2, 2, 2, 2, 2, 2, 2}, new double[] {0, 0, 2, 0, 0, 2, 4, 4, 4});
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void maxPoolIndicesNumberPositionsWithinEachPlane(DType d) {
        // two samples of two channels, kernel 2 over 2x2 planes: one window per plane
        Tensor x = t(d, s(2, 2, 2, 2), 1, 2, 3, 4, 8, 7, 6, 5, 0, 9, 0, 0, -1, -3, -2, -4);
        Tensor out = engine.zeros(d, 2, 2, 1, 1);
        Tensor indices = engine.zeros(d, 2, 2, 1, 1);
        ConvGeometry g = ConvGeometry.of(2, 2, 0);
        engine.maxPool2d(x, g, out, indices);
        near(d, new double[] {4, 8, 9, -1}, out);
        near(d, new double[] {3, 0, 1, 0}, indices);
        Tensor gx = engine.zeros(d, 2, 2, 2, 2);
        engine.maxPool2dBackward(t(d, s(2, 2, 1, 1), 10, 20, 30, 40), indices, g, gx);
        near(d, new double[] {0, 0, 0, 10, 20, 0, 0, 0, 0, 30, 0, 0, 40, 0, 0, 0}, gx);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void maxUnpoolPutsValuesBackAtTheirPositionsAndSumsRepeats(DType d) {
        ConvGeometry g = ConvGeometry.of(2, 2, 0);
        Tensor out = engine.zeros(d, 1, 1, 4, 4);
        engine.fill(out, 9);                                  // overwritten with zeros elsewhere
        engine.maxUnpool2d(t(d, s(1, 1, 2, 2), 1, 2, 3, 4), t(d, s(1, 1, 2, 2), 0, 3, 13, 10), g, out);
        near(d, new double[] {1, 0, 0, 2, 0, 0, 0, 0, 0, 0, 4, 0, 0, 3, 0, 0}, out);
        // overlapping windows (kernel 2, stride 1 over 3x3) that chose the same position add up
        Tensor overlap = engine.zeros(d, 1, 1, 3, 3);
        engine.maxUnpool2d(t(d, s(1, 1, 2, 2), 1, 2, 3, 4), t(d, s(1, 1, 2, 2), 1, 1, 6, 5),
                ConvGeometry.of(2, 1, 0), overlap);
        near(d, new double[] {0, 3, 0, 0, 0, 4, 3, 0, 0}, overlap);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void maxUnpoolBackwardGathersAtTheIndices(DType d) {
        Tensor gOut = t(d, s(1, 1, 3, 3), 1, 2, 3, 4, 5, 6, 7, 8, 9);
        Tensor gx = engine.zeros(d, 1, 1, 2, 2);
        engine.fill(gx, 9);
        engine.maxUnpool2dBackward(gOut, t(d, s(1, 1, 2, 2), 1, 1, 6, 5), ConvGeometry.of(2, 1, 0), gx);
        near(d, new double[] {2, 2, 7, 6}, gx);
    }

    @Test
    void maxPoolingBackwardsAreExactAdjoints() {
        ConvGeometry g = ConvGeometry.of(3, 2, 1);            // overlapping windows with padding: 5x5 -> 3x3
        Tensor x = randomFill(engine, engine.zeros(F64, 2, 3, 5, 5), 20);
        Tensor out = engine.zeros(F64, 2, 3, 3, 3);
        Tensor indices = engine.zeros(F64, 2, 3, 3, 3);
        engine.maxPool2d(x, g, out, indices);
        Tensor y = randomFill(engine, engine.zeros(F64, out.shape()), 21);
        Tensor gx = engine.zeros(F64, x.shape());
        engine.maxPool2dBackward(y, indices, g, gx);
        assertEquals(engine.dot(out, y), engine.dot(x, gx), 1e-12);   // <pool(x), y> = <x, pool'(y)>
        Tensor up = engine.zeros(F64, x.shape());
        engine.maxUnpool2d(y, indices, g, up);
        assertArrayEquals(gx.toDoubleArray(), up.toDoubleArray(), 0);  // the same scatter
        Tensor v = randomFill(engine, engine.zeros(F64, x.shape()), 22);
        Tensor gy = engine.zeros(F64, y.shape());
        engine.maxUnpool2dBackward(v, indices, g, gy);
        assertEquals(engine.dot(up, v), engine.dot(y, gy), 1e-12);    // <unpool(y), v> = <y, unpool'(v)>
        engine.maxUnpool2dBackward(x, indices, g, gy);                  // gathering x at its argmax: the maxima
        assertArrayEquals(out.toDoubleArray(), gy.toDoubleArray(), 0);
    }

    @Test
    void maxPoolingGradientsMatchFiniteDifferences() {
        // random values: no ties, so the max is differentiable and the indices stay put under +-1e-6
        ConvGeometry g = new ConvGeometry(3, 2, 2, 1, 1, 1, 0, 0);
        Tensor x = randomFill(engine, engine.zeros(F64, 2, 2, 5, 4), 23);
        int ho = g.outputHeight(5);
        int wo = g.outputWidth(4);
        Tensor out = engine.zeros(F64, 2, 2, ho, wo);
        Tensor indices = engine.zeros(F64, out.shape());
        Tensor gOut = engine.zeros(F64, out.shape());
        Tensor gx = engine.zeros(F64, x.shape());
        GradientCheck.check(engine, out, () -> engine.maxPool2d(x, g, out, indices), gOut,
                () -> engine.maxPool2dBackward(gOut, indices, g, gx), of(x, gx));
        Tensor y = randomFill(engine, engine.zeros(F64, out.shape()), 24);
        Tensor up = engine.zeros(F64, x.shape());
        Tensor gUp = engine.zeros(F64, up.shape());
        Tensor gy = engine.zeros(F64, y.shape());
        GradientCheck.check(engine, up, () -> engine.maxUnpool2d(y, indices, g, up), gUp,
                () -> engine.maxUnpool2dBackward(gUp, indices, g, gy), of(y, gy));
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void maxPoolingRejectsMismatchedShapesAndBadIndices(DType d) {
        ConvGeometry g = ConvGeometry.of(2, 2, 0);
        Tensor x = engine.zeros(d, 1, 2, 4, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> engine.maxPool2d(x, g, engine.zeros(d, 1, 2, 3, 3), engine.zeros(d, 1, 2, 2, 2)));
        assertTrue(e.getMessage().contains("[1, 2, 3, 3]") && e.getMessage().contains("[1, 2, 2, 2]"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> engine.maxPool2d(x, g, engine.zeros(d, 1, 2, 2, 2), engine.zeros(d, 1, 1, 2, 2)));
        assertTrue(e.getMessage().contains("indices") && e.getMessage().contains("[1, 1, 2, 2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> engine.maxPool2d(x, ConvGeometry.of(2, 1, 2),
                engine.zeros(d, 1, 2, 7, 7), engine.zeros(d, 1, 2, 7, 7)));
        assertTrue(e.getMessage().contains("half the kernel"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> engine.maxUnpool2d(engine.zeros(d, 1, 2, 2, 2),
                engine.zeros(d, 1, 2, 2, 2), g, engine.zeros(d, 1, 2, 6, 4)));
        assertTrue(e.getMessage().contains("[1, 2, 2, 2]") && e.getMessage().contains("[1, 2, 6, 4]")
                && e.getMessage().contains("[1, 2, 3, 2]"), e.getMessage());
        Tensor out = engine.zeros(d, 1, 1, 2, 2);
        engine.fill(out, 3);
        e = assertThrows(IllegalArgumentException.class, () -> engine.maxUnpool2d(t(d, s(1, 1, 1, 1), 1),
                t(d, s(1, 1, 1, 1), 4), g, out));
        assertTrue(e.getMessage().contains("index 4"), e.getMessage());
        near(d, new double[] {3, 3, 3, 3}, out);              // a rejected call leaves out alone
        assertThrows(IllegalArgumentException.class, () -> engine.maxUnpool2dBackward(out,
                t(d, s(1, 1, 1, 1), 0.5), g, engine.zeros(d, 1, 1, 1, 1)));
        assertThrows(IllegalArgumentException.class, () -> engine.maxPool2dBackward(engine.zeros(d, 1, 1, 1, 1),
                t(d, s(1, 1, 1, 1), -1), g, engine.zeros(d, 1, 1, 2, 2)));
    }
}
