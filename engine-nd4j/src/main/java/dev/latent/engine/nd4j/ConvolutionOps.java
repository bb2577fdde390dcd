package dev.latent.engine.nd4j;

import dev.latent.api.engine.ConvGeometry;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Tensor;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The convolution and pooling operations of {@link Nd4jEngine}: shape checks that name the
 * tensors and the geometry, then the ND4J ops of {@link Nd4jConvolutions}, or for max pooling
 * and unpooling the host loops of {@link HostMaxPooling}.
 */
final class ConvolutionOps {

    /** 2^24: float32 holds every whole number up to this one exactly. */
    private static final long FLOAT32_EXACT_INTEGERS = 1L << 24;

    private ConvolutionOps() {
    }

    static void conv2d(Tensor input, Tensor weight, Tensor bias, ConvGeometry g, Tensor out) {
        int[] x = TensorChecks.rank4("conv2d input", input);
        int[] w = TensorChecks.rank4("conv2d weight", weight);
        requireWeight(input, weight, x, w, g);
        requireBias("conv2d", bias, w[0]);
        requireOutput("conv2d", out, x[0], w[0], g.outputHeight(x[2]), g.outputWidth(x[3]), input, g);
        TensorChecks.requireSameDtype(input, weight, out);
        Nd4jConvolutions.conv2d(TensorChecks.array(input), TensorChecks.array(weight), TensorChecks.arrayOrNull(bias), g, TensorChecks.array(out));
    }

    static void conv2dBackward(Tensor input, Tensor weight, Tensor gradOut, ConvGeometry g,
                               Tensor gradInput, Tensor gradWeight, Tensor gradBias, KeptArrays kept) {
        int[] x = TensorChecks.rank4("conv2d input", input);
        int[] w = TensorChecks.rank4("conv2d weight", weight);
        requireWeight(input, weight, x, w, g);
        requireOutput("conv2d gradOut", gradOut, x[0], w[0], g.outputHeight(x[2]), g.outputWidth(x[3]), input, g);
        TensorChecks.requireShape("conv2d gradWeight", gradWeight, weight.shape());
        if (gradInput != null) {
            TensorChecks.requireShape("conv2d gradInput", gradInput, x);
        }
        requireBias("conv2d gradBias", gradBias, w[0]);
        TensorChecks.requireSameDtype(input, weight, gradOut, gradWeight);
        Nd4jConvolutions.conv2dBackward(TensorChecks.array(input), TensorChecks.array(weight), TensorChecks.array(gradOut), g,
                TensorChecks.arrayOrNull(gradInput), TensorChecks.array(gradWeight), TensorChecks.arrayOrNull(gradBias), kept);
    }

    static void conv2dTranspose(Tensor input, Tensor weight, Tensor bias, ConvGeometry g, Tensor out, KeptArrays kept) {
        int[] x = TensorChecks.rank4("conv2dTranspose input", input);
        int[] w = TensorChecks.rank4("conv2dTranspose weight", weight);
        requireTransposedWeight(input, weight, x, w, g);
        requireBias("conv2dTranspose", bias, w[1]);
        requireOutput("conv2dTranspose", out, x[0], w[1], g.transposedOutputHeight(x[2]),
                g.transposedOutputWidth(x[3]), input, g);
        TensorChecks.requireSameDtype(input, weight, out);
        Nd4jConvolutions.conv2dTranspose(TensorChecks.array(input), TensorChecks.array(weight), TensorChecks.arrayOrNull(bias), g, TensorChecks.array(out),
                kept);
    }

    static void conv2dTransposeBackward(Tensor input, Tensor weight, Tensor gradOut, ConvGeometry g,
                                        Tensor gradInput, Tensor gradWeight, Tensor gradBias, KeptArrays kept) {
        int[] x = TensorChecks.rank4("conv2dTranspose input", input);
        int[] w = TensorChecks.rank4("conv2dTranspose weight", weight);
        requireTransposedWeight(input, weight, x, w, g);
        requireOutput("conv2dTranspose gradOut", gradOut, x[0], w[1], g.transposedOutputHeight(x[2]),
                g.transposedOutputWidth(x[3]), input, g);
        TensorChecks.requireShape("conv2dTranspose gradWeight", gradWeight, weight.shape());
        if (gradInput != null) {
            TensorChecks.requireShape("conv2dTranspose gradInput", gradInput, x);
        }
        requireBias("conv2dTranspose gradBias", gradBias, w[1]);
        TensorChecks.requireSameDtype(input, weight, gradOut, gradWeight);
        Nd4jConvolutions.conv2dTransposeBackward(TensorChecks.array(input), TensorChecks.array(weight), TensorChecks.array(gradOut), g,
                TensorChecks.arrayOrNull(gradInput), TensorChecks.array(gradWeight), TensorChecks.arrayOrNull(gradBias), kept);
    }

    static void avgPool2d(Tensor input, ConvGeometry g, Tensor out) {
        int[] x = TensorChecks.rank4("avgPool2d input", input);
        requireOutput("avgPool2d", out, x[0], x[1], g.outputHeight(x[2]), g.outputWidth(x[3]), input, g);
        TensorChecks.requireSameDtype(input, out);
        Nd4jConvolutions.avgPool2d(TensorChecks.array(input), g, TensorChecks.array(out));
    }

    static void avgPool2dBackward(Tensor gradOut, ConvGeometry g, Tensor gradInput) {
        int[] x = TensorChecks.rank4("avgPool2d gradInput", gradInput);
        requireOutput("avgPool2d gradOut", gradOut, x[0], x[1], g.outputHeight(x[2]), g.outputWidth(x[3]),
                gradInput, g);
        TensorChecks.requireSameDtype(gradOut, gradInput);
        Nd4jConvolutions.avgPool2dBackward(TensorChecks.array(gradOut), g, TensorChecks.array(gradInput));
    }

    static void avgUnpool2d(Tensor input, ConvGeometry g, Tensor out) {
        int[] x = TensorChecks.rank4("avgUnpool2d input", input);
        requireOutput("avgUnpool2d", out, x[0], x[1], g.transposedOutputHeight(x[2]),
                g.transposedOutputWidth(x[3]), input, g);
        TensorChecks.requireSameDtype(input, out);
        INDArray o = TensorChecks.array(out);
        Nd4jConvolutions.avgPool2dBackward(TensorChecks.array(input), g, o);
        o.muli(g.kH() * g.kW());
    }

    static void avgUnpool2dBackward(Tensor gradOut, ConvGeometry g, Tensor gradInput) {
        int[] x = TensorChecks.rank4("avgUnpool2d gradInput", gradInput);
        requireOutput("avgUnpool2d gradOut", gradOut, x[0], x[1], g.transposedOutputHeight(x[2]),
                g.transposedOutputWidth(x[3]), gradInput, g);
        TensorChecks.requireSameDtype(gradOut, gradInput);
        INDArray gi = TensorChecks.array(gradInput);
        Nd4jConvolutions.avgPool2d(TensorChecks.array(gradOut), g, gi);
        gi.muli(g.kH() * g.kW());
    }

    static void maxPool2d(Tensor input, ConvGeometry g, Tensor out, Tensor indices) {
        requireMaxPool("maxPool2d", "input", input, g, "out", out, indices);
        HostMaxPooling.pool(TensorChecks.array(input), g, TensorChecks.array(out), TensorChecks.array(indices));
    }

    static void maxPool2dBackward(Tensor gradOut, Tensor indices, ConvGeometry g, Tensor gradInput) {
        requireMaxPool("maxPool2dBackward", "gradInput", gradInput, g, "gradOut", gradOut, indices);
        HostMaxPooling.scatterAdd(TensorChecks.array(gradOut), TensorChecks.array(indices), TensorChecks.array(gradInput));
    }

    static void maxUnpool2d(Tensor input, Tensor indices, ConvGeometry g, Tensor out) {
        requireMaxPool("maxUnpool2d", "out", out, g, "input", input, indices);
        HostMaxPooling.scatterAdd(TensorChecks.array(input), TensorChecks.array(indices), TensorChecks.array(out));
    }

    static void maxUnpool2dBackward(Tensor gradOut, Tensor indices, ConvGeometry g, Tensor gradInput) {
        requireMaxPool("maxUnpool2dBackward", "gradOut", gradOut, g, "gradInput", gradInput, indices);
        HostMaxPooling.gather(TensorChecks.array(gradOut), TensorChecks.array(indices), TensorChecks.array(gradInput));
    }

    /**
     * The checks of the max-pooling ops: the full-size tensor [N, C, H, W] (the pooled input, or
     * the unpooled output), a geometry whose every window holds an input position, float32
     * indices that stay exact, and the pooled-size tensor and the indices [N, C, Ho, Wo].
     */
    private static void requireMaxPool(String op, String fullName, Tensor full, ConvGeometry g,
                                       String pooledName, Tensor pooled, Tensor indices) {
        int[] x = TensorChecks.rank4(op + " " + fullName, full);
        if (2 * g.padH() > g.kH() || 2 * g.padW() > g.kW()) {
            throw new IllegalArgumentException(op + ": " + g + " pads more than half the kernel; max pooling needs"
                    + " 2 padding <= kernel, so that every window holds an input position");
        }
        if (full.dtype() == DType.FLOAT32 && (long) x[2] * x[3] > FLOAT32_EXACT_INTEGERS) {
            throw new IllegalArgumentException(op + ": the " + x[2] + "x" + x[3] + " planes of " + full
                    + " have more positions than float32 indices hold exactly (2^24)");
        }
        int ho = g.outputHeight(x[2]);
        int wo = g.outputWidth(x[3]);
        if (ho <= 0 || wo <= 0) {
            throw new IllegalArgumentException(op + ": " + g + " gives an empty pooled size for " + full);
        }
        int[] expected = {x[0], x[1], ho, wo};
        for (Tensor t : new Tensor[] {pooled, indices}) {
            if (!Arrays.equals(t.shape(), expected)) {
                throw new IllegalArgumentException(op + " " + (t == pooled ? pooledName : "indices") + " " + t
                        + " must have shape " + Tensor.describe(expected) + ", the max pooling of " + fullName
                        + " " + full + " by " + g);
            }
        }
        TensorChecks.requireSameDtype(full, pooled, indices);
    }

    static void requireBias(String what, Tensor bias, int channels) {
        if (bias != null && (bias.shape().length != 1 || bias.size() != channels)) {
            throw new IllegalArgumentException(what + " bias " + bias + " must have shape [" + channels + "]");
        }
    }

    static void requireOutput(String what, Tensor out, int n, int c, int h, int w, Tensor input, ConvGeometry g) {
        if (h <= 0 || w <= 0) {
            throw new IllegalArgumentException(what + ": " + g + " gives an empty output for input " + input);
        }
        int[] expected = {n, c, h, w};
        if (!Arrays.equals(out.shape(), expected)) {
            throw new IllegalArgumentException(what + " output " + out + " must have shape " + Tensor.describe(expected)
                    + " for input " + input + " and " + g);
        }
    }

    static void requireTransposedWeight(Tensor input, Tensor weight, int[] x, int[] w, ConvGeometry g) {
        if (w[0] != x[1] || w[2] != g.kH() || w[3] != g.kW()) {
            throw new IllegalArgumentException("conv2dTranspose weight " + weight + " does not fit input " + input
                    + " and " + g + " (expected [" + x[1] + ", O, " + g.kH() + ", " + g.kW() + "])");
        }
    }

    static void requireWeight(Tensor input, Tensor weight, int[] x, int[] w, ConvGeometry g) {
        if (w[1] != x[1] || w[2] != g.kH() || w[3] != g.kW()) {
            throw new IllegalArgumentException("conv2d weight " + weight + " does not fit input " + input
                    + " and " + g + " (expected [O, " + x[1] + ", " + g.kH() + ", " + g.kW() + "])");
        }
    }
}
