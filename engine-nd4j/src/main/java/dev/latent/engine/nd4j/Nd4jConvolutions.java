package dev.latent.engine.nd4j;

import dev.latent.api.engine.ConvGeometry;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Convolution and pooling on libnd4j's custom ops ({@code conv2d}, {@code conv2d_bp},
 * {@code deconv2d}, {@code deconv2d_bp}, {@code avgpool2d}, {@code avgpool2d_bp}), which run
 * on oneDNN where the CPU backend has it. Transposed convolutions with output padding run as
 * the adjoint of a convolution, on {@code conv2d} and {@code conv2d_bp}. Shapes are checked by the caller
 * ({@link Nd4jEngine}); these methods only translate the geometry into the ops' integer
 * arguments: kH, kW, sH, sW, pH, pW, dH, dW, same-mode (0), then for convolutions data format
 * (0 = NCHW) and weight format (1 = [out, in, kH, kW] for conv2d, [in, out, kH, kW] for
 * deconv2d: PyTorch's layouts), for pooling the divisor mode (1 = kH kW, padding counted) and
 * data format.
 */
final class Nd4jConvolutions {

    /** libnd4j's weight format 1: [oC, iC, kH, kW] for conv2d, [iC, oC, kH, kW] for deconv2d. */
    private static final int WEIGHT_FORMAT_OIHW = 1;
    /** avgpool2d's extraParam0: 1 divides by kH kW (padding counted), 0 by the cells inside. */
    private static final int DIVISOR_INCLUDES_PADDING = 1;

    private Nd4jConvolutions() {
    }

    private static int[] convArgs(ConvGeometry g) {
        return new int[] {g.kH(), g.kW(), g.strideH(), g.strideW(), g.padH(), g.padW(), 1, 1, 0, 0, WEIGHT_FORMAT_OIHW};
    }

    private static int[] poolArgs(ConvGeometry g) {
        return new int[] {g.kH(), g.kW(), g.strideH(), g.strideW(), g.padH(), g.padW(), 1, 1, 0,
                DIVISOR_INCLUDES_PADDING, 0};
    }

    private static void exec(String op, INDArray[] inputs, INDArray[] outputs, int[] iArgs) {
        Nd4j.exec(DynamicCustomOp.builder(op).addInputs(inputs).addOutputs(outputs).addIntegerArguments(iArgs).build());
    }

    private static INDArray[] of(INDArray... arrays) {
        int n = 0;
        for (INDArray a : arrays) {
            if (a != null) {
                n++;
            }
        }
        INDArray[] out = new INDArray[n];
        int i = 0;
        for (INDArray a : arrays) {
            if (a != null) {
                out[i++] = a;
            }
        }
        return out;
    }

    static void conv2d(INDArray input, INDArray weight, INDArray bias, ConvGeometry g, INDArray out) {
        exec("conv2d", of(input, weight, bias), of(out), convArgs(g));
    }

    /**
     * conv2d_bp (and deconv2d_bp) take the bias as an input only to learn that there is one, and
     * never read its values; gradBias stands in for it. Without gradInput, the op still needs an
     * array for it: a temporary (from the open scope's workspace, if any).
     */
    static void conv2dBackward(INDArray input, INDArray weight, INDArray gradOut, ConvGeometry g,
                               INDArray gradInput, INDArray gradWeight, INDArray gradBias, KeptArrays kept) {
        // Without an input gradient (a first layer), the weight gradient of y = conv(x; W) is that
        // of the transposed convolution of dL/dy with the same weight ([O, C, kH, kW], read as its
        // [in, out, kH, kW]) onto x's shape, given x as that transposed convolution's output
        // gradient: both are the sum over n, i, j of x[n, c, i sH - pH + a, j sW - pW + b]
        // dL/dy[n, o, i, j]. For the conv models' first layer (1x28x28 -> 16x14x14) this took
        // 610-642 us against conv2d_bp's 1,067-1,799 us, whose oneDNN kernel blocks input
        // channels by 16 (docs/performance.md).
        if (gradInput == null && framedTransposedBackward(gradOut, weight, input, g, null, gradWeight, kept)) {
            if (gradBias != null) {
                gradOut.sum(gradBias, 0, 2, 3);
            }
            return;
        }
        INDArray gi = gradInput != null ? gradInput : scratch(input);
        exec("conv2d_bp", of(input, weight, gradBias, gradOut), of(gi, gradWeight, gradBias), convArgs(g));
    }

    /**
     * The input and weight gradients of the transposed convolution of {@code in} by g, given
     * {@code gradient}, the gradient of its padded output, as deconv2d_bp without padding: the
     * unpadded transposed convolution makes the full output, (H - 1) sH + kH rows, and the padded
     * one is its window from row pH, so {@code gradient} goes in a zero frame of the full size
     * (kept between calls, with only the window written). Returns false, doing nothing, where the
     * window does not fit in the full output (an output padding above the padding).
     *
     * @param gradIn the input gradient, or null when it is not wanted (then into a scratch)
     */
    private static boolean framedTransposedBackward(INDArray in, INDArray weight, INDArray gradient, ConvGeometry g,
                                                    INDArray gradIn, INDArray gradWeight, KeptArrays kept) {
        long fullH = (in.size(2) - 1) * g.strideH() + g.kH();
        long fullW = (in.size(3) - 1) * g.strideW() + g.kW();
        if (g.padH() + gradient.size(2) > fullH || g.padW() + gradient.size(3) > fullW) {
            return false;
        }
        INDArray[] framed = kept.framed(gradient.dataType(), new long[] {gradient.size(0), gradient.size(1), fullH, fullW},
                g.padH(), g.padW(), gradient.size(2), gradient.size(3));
        framed[1].assign(gradient);
        INDArray gi = gradIn != null ? gradIn : scratch(in);
        exec("deconv2d_bp", of(in, weight, framed[0]), of(gi, gradWeight), convArgs(unpadded(g)));
        return true;
    }

    /** g without its padding and output padding. */
    private static ConvGeometry unpadded(ConvGeometry g) {
        return new ConvGeometry(g.kH(), g.kW(), g.strideH(), g.strideW(), 0, 0, 0, 0);
    }

    static void conv2dTranspose(INDArray input, INDArray weight, INDArray bias, ConvGeometry g, INDArray out,
                                KeptArrays kept) {
        if (g.outputPadH() == 0 && g.outputPadW() == 0) {
            exec("deconv2d", of(input, weight, bias), of(out), convArgs(g));
            return;
        }
        // deconv2d only makes the unpadded output size (ND4J checks the output array against it).
        // A transposed convolution is the input gradient of the convolution with the same weight
        // ([iC, oC, kH, kW] read as conv2d's [out, in, kH, kW]), and conv2d_bp takes the size of
        // that gradient from its input array: given a zero input of the padded output's size, it
        // makes exactly PyTorch's padded output. It also computes that convolution's weight
        // gradient from the input array's values, into a scratch. The input is zeros, not
        // uninitialised memory: with uninitialised memory the op measured up to 5x slower (our
        // guess: denormals in the garbage, in the unused gradient's arithmetic). With oneDNN this
        // is still 3-4x faster than deconv2d on a zero-extended input and a copy of its corner
        // (docs/performance.md).
        INDArray shapeOnly = kept.zeros(out.dataType(), out.shape());
        exec("conv2d_bp", of(shapeOnly, weight, input), of(out, scratch(weight)), convArgs(g));
        if (bias != null) {
            Nd4jCustomOps.broadcast("add", out, bias.reshape(1, bias.length(), 1, 1), out);
        }
    }

    static void conv2dTransposeBackward(INDArray input, INDArray weight, INDArray gradOut, ConvGeometry g,
                                        INDArray gradInput, INDArray gradWeight, INDArray gradBias, KeptArrays kept) {
        if (g.outputPadH() == 0 && g.outputPadW() == 0) {
            INDArray gi = gradInput != null ? gradInput : scratch(input);
            exec("deconv2d_bp", of(input, weight, gradBias, gradOut), of(gi, gradWeight, gradBias), convArgs(g));
            return;
        }
        // With the output padding at most the padding: measured against the conv2d + conv2d_bp
        // route below, 16x14x14 -> 1x28x28 1,378-1,763 us -> 543-570 us; 32x7x7 -> 16x14x14
        // 1,520-1,600 us -> 1,117-2,153 us (docs/performance.md).
        if (framedTransposedBackward(input, weight, gradOut, g, gradInput, gradWeight, kept)) {
            if (gradBias != null) {
                gradOut.sum(gradBias, 0, 2, 3);
            }
            return;
        }
        // As in the forward, through the convolution whose input gradient the transposed one is:
        // its forward gives the input gradient, conv2d(gradOut; W), and its weight gradient with
        // gradOut as the input and the input as the output gradient is the weight gradient
        // (the forward is y = A_W^T x, so <g, y> = <A_W g, x>). conv2d_bp's own input gradient
        // goes to a scratch. About 1.3x faster than deconv2d_bp on zero-extended arrays
        // (docs/performance.md), and exact: the same sums.
        if (gradInput != null) {
            exec("conv2d", of(gradOut, weight), of(gradInput), convArgs(g));
        }
        exec("conv2d_bp", of(gradOut, weight, input), of(scratch(gradOut), gradWeight), convArgs(g));
        if (gradBias != null) {
            gradOut.sum(gradBias, 0, 2, 3);
        }
    }

    /** An uninitialised array shaped as {@code like}, for an op's output that is not wanted. */
    private static INDArray scratch(INDArray like) {
        return Nd4j.createUninitialized(like.dataType(), like.shape());
    }

    static void avgPool2d(INDArray input, ConvGeometry g, INDArray out) {
        exec("avgpool2d", of(input), of(out), poolArgs(g));
    }

    static void avgPool2dBackward(INDArray gradOut, ConvGeometry g, INDArray gradInput) {
        // the op reads only the shape of its first input (the pooled input) in average mode
        exec("avgpool2d_bp", of(gradInput, gradOut), of(gradInput), poolArgs(g));
    }
}
