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
 * Convolution, transposed convolution, pooling and unpooling (NCHW): forward values computed by
 * hand on tiny inputs in float32 and float64, every backward against finite differences in
 * float64, and the shape checks. Part of {@link EngineConformanceSuite}.
 */
public abstract class ConvolutionConformanceChecks extends ActivationConformanceChecks {

    private static final DType F64 = DType.FLOAT64;

    /** x = 1..9 as 1x1x3x3. */
    private Tensor nine(DType d) {
        return t(d, s(1, 1, 3, 3), 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    /** The 2x2 kernel [[1, 2], [3, 4]] as 1x1x2x2. */
    private Tensor kernel(DType d) {
        return t(d, s(1, 1, 2, 2), 1, 2, 3, 4);
    }

    // ---- conv2d

    @ParameterizedTest
    @EnumSource(DType.class)
    void conv2dStrideOneWithBiasAndItsGradients(DType d) {
        Tensor x = nine(d);
        Tensor w = kernel(d);
        Tensor out = engine.zeros(d, 1, 1, 2, 2);
        engine.conv2d(x, w, v(d, 0.5), ConvGeometry.of(2, 1, 0), out);
        near(d, new double[] {37.5, 47.5, 67.5, 77.5}, out);  // 1+4+12+20, 2+6+15+24, ...
        Tensor gx = engine.zeros(d, 1, 1, 3, 3);
        Tensor gw = engine.zeros(d, 1, 1, 2, 2);
        Tensor gb = engine.zeros(d, 1);
        engine.fill(gw, 9);                                  // overwritten, not accumulated
        engine.conv2dBackward(x, w, t(d, s(1, 1, 2, 2), 1, 1, 1, 1), ConvGeometry.of(2, 1, 0), gx, gw, gb);
        near(d, new double[] {1, 3, 2, 4, 10, 6, 3, 7, 4}, gx); // the kernel summed where it overlaps
        near(d, new double[] {12, 16, 24, 28}, gw);          // sums of the four 2x2 corners of x
        near(d, new double[] {4}, gb);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void conv2dStrideTwoPaddingOneWithoutBias(DType d) {
        Tensor out = engine.zeros(d, 1, 1, 2, 2);
        engine.conv2d(nine(d), kernel(d), null, ConvGeometry.of(2, 2, 1), out);
        // windows of the zero-padded 5x5: {0,0,0,1}, {0,0,2,3}, {0,4,0,7}, {5,6,8,9}
        near(d, new double[] {4, 3 * 2 + 4 * 3, 2 * 4 + 4 * 7, 5 + 12 + 24 + 36}, out);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void conv2dSumsOverChannelsPerOutputChannelAndSample(DType d) {
        Tensor x = t(d, s(2, 2, 2, 2), 1, 2, 3, 4, 5, 6, 7, 8, 2, 4, 6, 8, 10, 12, 14, 16);
        Tensor w = t(d, s(2, 2, 2, 2), 1, 0, 0, 1, 0, 1, 1, 0, 1, 1, 1, 1, -1, -1, -1, -1);
        Tensor out = engine.zeros(d, 2, 2, 1, 1);
        engine.conv2d(x, w, v(d, 1, 2), ConvGeometry.of(2, 1, 0), out);
        // o0 = (1 + 4) + (6 + 7) + 1; o1 = 10 - 26 + 2; the second sample is twice the first
        near(d, new double[] {19, -14, 37, -30}, out);
    }

    @Test
    void conv2dGradientsMatchFiniteDifferences() {
        checkConvolutionGradients(new int[] {2, 2, 5, 4}, new int[] {3, 2, 3, 2}, 1, true);
    }

    /** A first layer on grey images: one input channel, no input gradient (an engine may take another path). */
    @Test
    void singleChannelWeightGradientsMatchFiniteDifferences() {
        checkConvolutionGradients(new int[] {3, 1, 6, 5}, new int[] {4, 1, 3, 2}, 4, false);
        // unpadded, with a row and a column the kernel never reaches (8 + 0 - 3 = 5, odd at stride 2)
        checkConvolutionGradients(new int[] {2, 1, 8, 8}, new int[] {3, 1, 3, 3}, 5, false, ConvGeometry.of(3, 2, 0));
    }

    /**
     * conv2d's gradients against finite differences, 3x2 kernels at strides 2x1 and padding 1x0:
     * with a bias and (when {@code inputGradient}) the input gradient, then without a bias and
     * without the input gradient.
     */
    private void checkConvolutionGradients(int[] xShape, int[] wShape, long seed, boolean inputGradient) {
        checkConvolutionGradients(xShape, wShape, seed, inputGradient, new ConvGeometry(3, 2, 2, 1, 1, 0, 0, 0));
    }

    private void checkConvolutionGradients(int[] xShape, int[] wShape, long seed, boolean inputGradient,
                                           ConvGeometry g) {
        Tensor x = randomFill(engine, engine.zeros(F64, xShape), seed);
        Tensor w = randomFill(engine, engine.zeros(F64, wShape), seed + 1);
        Tensor b = randomFill(engine, engine.zeros(F64, wShape[0]), seed + 2);
        Tensor out = engine.zeros(F64, xShape[0], wShape[0], g.outputHeight(xShape[2]), g.outputWidth(xShape[3]));
        Tensor gOut = engine.zeros(F64, out.shape());
        Tensor gx = inputGradient ? engine.zeros(F64, x.shape()) : null;
        Tensor gw = engine.zeros(F64, w.shape());
        Tensor gb = engine.zeros(F64, wShape[0]);
        if (inputGradient) {
            GradientCheck.check(engine, out, () -> engine.conv2d(x, w, b, g, out), gOut,
                    () -> engine.conv2dBackward(x, w, gOut, g, gx, gw, gb), of(x, gx), of(w, gw), of(b, gb));
        } else {
            GradientCheck.check(engine, out, () -> engine.conv2d(x, w, b, g, out), gOut,
                    () -> engine.conv2dBackward(x, w, gOut, g, null, gw, gb), of(w, gw), of(b, gb));
        }
        GradientCheck.check(engine, out, () -> engine.conv2d(x, w, null, g, out), gOut,
                () -> engine.conv2dBackward(x, w, gOut, g, null, gw, null), of(w, gw));
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void conv2dRejectsMismatchedShapes(DType d) {
        Tensor x = engine.zeros(d, 2, 1, 28, 28);
        Tensor w = engine.zeros(d, 8, 1, 3, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> engine.conv2d(x, w, null, ConvGeometry.of(3, 2, 1), engine.zeros(d, 2, 8, 13, 13)));
        assertTrue(e.getMessage().contains("[2, 8, 13, 13]") && e.getMessage().contains("[2, 8, 14, 14]"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> engine.conv2d(x, engine.zeros(d, 8, 2, 3, 3), null,
                ConvGeometry.of(3, 2, 1), engine.zeros(d, 2, 8, 14, 14)));
        assertTrue(e.getMessage().contains("[8, 2, 3, 3]") && e.getMessage().contains("[2, 1, 28, 28]"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> engine.conv2d(x, w, engine.zeros(d, 4),
                ConvGeometry.of(3, 2, 1), engine.zeros(d, 2, 8, 14, 14)));
        assertTrue(e.getMessage().contains("[4]"), e.getMessage());
    }

    @Test
    void geometryChecksItsRanges() {
        assertEquals(14, ConvGeometry.of(3, 2, 1).outputHeight(28));
        assertEquals(3, ConvGeometry.of(3, 2, 0).outputWidth(7));
        assertEquals(14, ConvGeometry.of(3, 2, 1).withOutputPadding(1).transposedOutputHeight(7));
        assertThrows(IllegalArgumentException.class, () -> ConvGeometry.of(3, 2, 1).withOutputPadding(2));
        assertThrows(IllegalArgumentException.class, () -> ConvGeometry.of(0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> ConvGeometry.of(3, 1, -1));
    }

    // ---- transposed convolution

    @ParameterizedTest
    @EnumSource(DType.class)
    void conv2dTransposeStampsTheKernel(DType d) {
        Tensor x = t(d, s(1, 1, 2, 2), 1, 2, 3, 4);
        Tensor out = engine.zeros(d, 1, 1, 4, 4);
        engine.conv2dTranspose(x, kernel(d), null, ConvGeometry.of(2, 2, 0), out);
        near(d, new double[] {1, 2, 2, 4, 3, 4, 6, 8, 3, 6, 4, 8, 9, 12, 12, 16}, out);
        Tensor overlap = engine.zeros(d, 1, 1, 3, 3);       // stride 1: the stamps overlap and add up
        engine.conv2dTranspose(x, kernel(d), null, ConvGeometry.of(2, 1, 0), overlap);
        near(d, new double[] {1, 4, 4, 6, 20, 16, 9, 24, 16}, overlap);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void conv2dTransposeWithPaddingAndOutputPadding(DType d) {
        Tensor x = t(d, s(1, 1, 2, 2), 1, 2, 3, 4);
        // stride 2, padding 1, output padding 1: rows and columns 1..3 of the 4x4 stamp above
        Tensor out = engine.zeros(d, 1, 1, 3, 3);
        engine.conv2dTranspose(x, kernel(d), v(d, 1), ConvGeometry.of(2, 2, 1).withOutputPadding(1), out);
        near(d, new double[] {5, 7, 9, 7, 5, 9, 13, 13, 17}, out);
        // stride 3, output padding 2 (beyond the last stamp): the extra rows hold only the bias
        Tensor wide = engine.zeros(d, 1, 1, 7, 7);
        engine.conv2dTranspose(x, kernel(d), v(d, -1), ConvGeometry.of(2, 3, 0).withOutputPadding(2), wide);
        double[] e = new double[49];
        double[][] stamp = {{1, 2, 0, 2, 4}, {3, 4, 0, 6, 8}, {0, 0, 0, 0, 0}, {3, 6, 0, 4, 8}, {9, 12, 0, 12, 16}};
        for (int i = 0; i < 7; i++) {
            for (int j = 0; j < 7; j++) {
                e[i * 7 + j] = (i < 5 && j < 5 ? stamp[i][j] : 0) - 1;
            }
        }
        near(d, e, wide);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void conv2dTransposeHasPytorchWeightLayout(DType d) {
        // input channels first: weight [C=1, O=2, 1, 1]
        Tensor out = engine.zeros(d, 1, 2, 1, 2);
        engine.conv2dTranspose(t(d, s(1, 1, 1, 2), 1, 2), t(d, s(1, 2, 1, 1), 3, -1), null,
                ConvGeometry.of(1, 1, 0), out);
        near(d, new double[] {3, 6, -1, -2}, out);
    }

    @Test
    void conv2dTransposeIsTheAdjointOfConv2d() {
        ConvGeometry g = ConvGeometry.of(3, 2, 1).withOutputPadding(1);   // 6x6 <-> 3x3
        Tensor x = randomFill(engine, engine.zeros(F64, 2, 3, 6, 6), 4);
        Tensor y = randomFill(engine, engine.zeros(F64, 2, 4, 3, 3), 5);
        Tensor w = randomFill(engine, engine.zeros(F64, 4, 3, 3, 3), 6);  // conv [O=4, C=3]; transposed [C=4, O=3]
        Tensor cx = engine.zeros(F64, 2, 4, 3, 3);
        Tensor ty = engine.zeros(F64, 2, 3, 6, 6);
        engine.conv2d(x, w, null, g, cx);
        engine.conv2dTranspose(y, w, null, g, ty);
        assertEquals(engine.dot(cx, y), engine.dot(x, ty), 1e-12);
    }

    @Test
    void conv2dTransposeGradientsMatchFiniteDifferences() {
        // no output padding; output padding within the padding (PyTorch's common k3 s2 p1 op1,
        // and uneven); output padding beyond the padding in one dimension
        for (ConvGeometry g : new ConvGeometry[] {new ConvGeometry(3, 2, 2, 1, 1, 0, 0, 0),
                new ConvGeometry(3, 3, 2, 2, 1, 1, 1, 1), new ConvGeometry(3, 2, 2, 2, 2, 1, 1, 0),
                new ConvGeometry(3, 3, 2, 3, 1, 1, 1, 2)}) {
            Tensor x = randomFill(engine, engine.zeros(F64, 2, 2, 3, 4), 7);
            Tensor w = randomFill(engine, engine.zeros(F64, 2, 3, g.kH(), g.kW()), 8);
            Tensor b = randomFill(engine, engine.zeros(F64, 3), 9);
            Tensor out = engine.zeros(F64, 2, 3, g.transposedOutputHeight(3), g.transposedOutputWidth(4));
            Tensor gOut = engine.zeros(F64, out.shape());
            Tensor gx = engine.zeros(F64, x.shape());
            Tensor gw = engine.zeros(F64, w.shape());
            Tensor gb = engine.zeros(F64, 3);
            GradientCheck.check(engine, out, () -> engine.conv2dTranspose(x, w, b, g, out), gOut,
                    () -> engine.conv2dTransposeBackward(x, w, gOut, g, gx, gw, gb), of(x, gx), of(w, gw), of(b, gb));
            GradientCheck.check(engine, out, () -> engine.conv2dTranspose(x, w, null, g, out), gOut,
                    () -> engine.conv2dTransposeBackward(x, w, gOut, g, null, gw, null), of(w, gw));
        }
    }

    /** Backwards that keep state between calls (a zero-framed gradient) give the same answer again. */
    @Test
    void conv2dTransposeBackwardIsRepeatable() {
        ConvGeometry g = ConvGeometry.of(3, 2, 1).withOutputPadding(1);
        Tensor x = randomFill(engine, engine.zeros(F64, 2, 4, 3, 3), 10);
        Tensor w = randomFill(engine, engine.zeros(F64, 4, 3, 3, 3), 11);
        Tensor first = randomFill(engine, engine.zeros(F64, 2, 3, 6, 6), 12);
        Tensor second = randomFill(engine, engine.zeros(F64, 2, 3, 6, 6), 13);
        Tensor gx = engine.zeros(F64, x.shape());
        Tensor gw = engine.zeros(F64, w.shape());
        Tensor gb = engine.zeros(F64, 3);
        engine.conv2dTransposeBackward(x, w, first, g, gx, gw, gb);
        double[][] once = {gx.toDoubleArray(), gw.toDoubleArray(), gb.toDoubleArray()};
        engine.conv2dTransposeBackward(x, w, second, g, gx, gw, gb);
        engine.conv2dTransposeBackward(x, w, first, g, gx, gw, gb);
        assertArrayEquals(once[0], gx.toDoubleArray(), 0);
        assertArrayEquals(once[1], gw.toDoubleArray(), 0);
        assertArrayEquals(once[2], gb.toDoubleArray(), 0);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void conv2dTransposeRejectsMismatchedShapes(DType d) {
        Tensor x = engine.zeros(d, 2, 16, 7, 7);
        Tensor w = engine.zeros(d, 16, 8, 3, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> engine.conv2dTranspose(
                x, w, null, ConvGeometry.of(3, 2, 1), engine.zeros(d, 2, 8, 14, 14)));
        assertTrue(e.getMessage().contains("[2, 8, 14, 14]") && e.getMessage().contains("[2, 8, 13, 13]"),
                e.getMessage());
    }

    // ---- pooling and unpooling

    @ParameterizedTest
    @EnumSource(DType.class)
    void avgPoolAveragesWindowsCountingPadding(DType d) {
        Tensor x = engine.zeros(d, 1, 1, 4, 4);
        engine.assign(x, new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
        Tensor out = engine.zeros(d, 1, 1, 2, 2);
        engine.avgPool2d(x, ConvGeometry.of(2, 2, 0), out);
        near(d, new double[] {3.5, 5.5, 11.5, 13.5}, out);
        engine.avgPool2d(nine(d), ConvGeometry.of(2, 2, 1), out);
        near(d, new double[] {1 / 4.0, 5 / 4.0, 11 / 4.0, 28 / 4.0}, out);  // padding counts in the divisor
        Tensor gx = engine.zeros(d, 1, 1, 4, 4);
        engine.fill(gx, 9);
        engine.avgPool2dBackward(t(d, s(1, 1, 2, 2), 1, 2, 3, 4), ConvGeometry.of(2, 2, 0), gx);
        near(d, new double[] {.25, .25, .5, .5, .25, .25, .5, .5, .75, .75, 1, 1, .75, .75, 1, 1}, gx);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void avgUnpoolIsNearestNeighbourUpsamplingAndItsBackwardSumsWindows(DType d) {
        Tensor out = engine.zeros(d, 1, 1, 4, 4);
        engine.avgUnpool2d(t(d, s(1, 1, 2, 2), 1, 2, 3, 4), ConvGeometry.of(2, 2, 0), out);
        near(d, new double[] {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4}, out);
        Tensor gOut = engine.zeros(d, 1, 1, 4, 4);
        engine.assign(gOut, new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
        Tensor gx = engine.zeros(d, 1, 1, 2, 2);
        engine.avgUnpool2dBackward(gOut, ConvGeometry.of(2, 2, 0), gx);
        near(d, new double[] {14, 22, 46, 54}, gx);
    }

    @Test
    void poolingGradientsMatchFiniteDifferences() {
        ConvGeometry g = ConvGeometry.of(3, 2, 1);           // overlapping windows with padding
        Tensor x = randomFill(engine, engine.zeros(F64, 2, 2, 5, 5), 10);
        Tensor out = engine.zeros(F64, 2, 2, 3, 3);
        Tensor gOut = engine.zeros(F64, out.shape());
        Tensor gx = engine.zeros(F64, x.shape());
        GradientCheck.check(engine, out, () -> engine.avgPool2d(x, g, out), gOut,
                () -> engine.avgPool2dBackward(gOut, g, gx), of(x, gx));
        ConvGeometry u = ConvGeometry.of(3, 2, 1).withOutputPadding(1);
        Tensor y = randomFill(engine, engine.zeros(F64, 2, 2, 3, 3), 11);
        Tensor up = engine.zeros(F64, 2, 2, 6, 6);
        Tensor gUp = engine.zeros(F64, up.shape());
        Tensor gy = engine.zeros(F64, y.shape());
        GradientCheck.check(engine, up, () -> engine.avgUnpool2d(y, u, up), gUp,
                () -> engine.avgUnpool2dBackward(gUp, u, gy), of(y, gy));
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void poolingRejectsMismatchedShapes(DType d) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> engine.avgPool2d(
                engine.zeros(d, 1, 2, 4, 4), ConvGeometry.of(2, 2, 0), engine.zeros(d, 1, 2, 3, 3)));
        assertTrue(e.getMessage().contains("[1, 2, 3, 3]") && e.getMessage().contains("[1, 2, 2, 2]"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> engine.avgUnpool2d(
                engine.zeros(d, 1, 2, 2, 2), ConvGeometry.of(2, 2, 0), engine.zeros(d, 1, 2, 5, 4)));
        assertTrue(e.getMessage().contains("[1, 2, 4, 4]"), e.getMessage());
    }
}
