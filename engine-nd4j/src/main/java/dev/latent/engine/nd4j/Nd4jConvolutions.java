package dev.latent.engine.nd4j;

import dev.latent.api.engine.ConvGeometry;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Convolution and pooling on libnd4j's custom ops ({@code conv2d}, {@code conv2d_bp},
 * {@code deconv2d}, {@code deconv2d_bp}, {@code avgpool2d}, {@code avgpool2d_bp}), which run
 * on oneDNN where the CPU backend has it. Shapes are checked by the caller
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
                               INDArray gradInput, INDArray gradWeight, INDArray gradBias) {
        INDArray gi = gradInput != null ? gradInput : Nd4j.createUninitialized(input.dataType(), input.shape());
        exec("conv2d_bp", of(input, weight, gradBias, gradOut), of(gi, gradWeight, gradBias), convArgs(g));
    }

    static void conv2dTranspose(INDArray input, INDArray weight, INDArray bias, ConvGeometry g, INDArray out) {
        if (g.outputPadH() == 0 && g.outputPadW() == 0) {
            exec("deconv2d", of(input, weight, bias), of(out), convArgs(g));
            return;
        }
        // deconv2d only makes the unpadded output size (ND4J checks the output array against
        // it). With output padding, the output is the top-left corner of the unpadded transposed
        // convolution of the input extended by one zero row (column): the extra row's stamps
        // start at row H sH - pH >= Ho - opH + (sH - opH) > Ho - 1, so everything up to Ho is
        // exact, zero beyond the last stamp, as PyTorch's.
        INDArray xe = extended(input, g);
        long[] oe = extendedOutputShape(xe, weight.size(1), g);
        INDArray oute = Nd4j.createUninitialized(out.dataType(), oe);
        exec("deconv2d", of(xe, weight, bias), of(oute), convArgs(g));
        out.assign(oute.get(corner(out.size(2), out.size(3))));
    }

    static void conv2dTransposeBackward(INDArray input, INDArray weight, INDArray gradOut, ConvGeometry g,
                                        INDArray gradInput, INDArray gradWeight, INDArray gradBias) {
        long[] in = input.shape();
        INDArray gi = gradInput != null ? gradInput : Nd4j.createUninitialized(input.dataType(), in);
        if (g.outputPadH() == 0 && g.outputPadW() == 0) {
            exec("deconv2d_bp", of(input, weight, gradBias, gradOut), of(gi, gradWeight, gradBias), convArgs(g));
            return;
        }
        // as in the forward: the same op on the zero-extended input, with gradOut extended by zeros
        INDArray xe = extended(input, g);
        INDArray ge = Nd4j.zeros(gradOut.dataType(), extendedOutputShape(xe, gradOut.size(1), g));
        ge.get(corner(gradOut.size(2), gradOut.size(3))).assign(gradOut);
        INDArray gie = Nd4j.createUninitialized(input.dataType(), xe.shape());
        exec("deconv2d_bp", of(xe, weight, gradBias, ge), of(gie, gradWeight, gradBias), convArgs(g));
        if (gradInput != null) {
            gradInput.assign(gie.get(corner(in[2], in[3])));
        }
    }

    /** The input with one zero row (column) appended where the geometry has output padding. */
    private static INDArray extended(INDArray input, ConvGeometry g) {
        long[] in = input.shape();
        INDArray xe = Nd4j.zeros(input.dataType(), in[0], in[1], in[2] + (g.outputPadH() > 0 ? 1 : 0),
                in[3] + (g.outputPadW() > 0 ? 1 : 0));
        xe.get(corner(in[2], in[3])).assign(input);
        return xe;
    }

    private static long[] extendedOutputShape(INDArray xe, long channels, ConvGeometry g) {
        return new long[] {xe.size(0), channels, (xe.size(2) - 1) * g.strideH() - 2L * g.padH() + g.kH(),
                (xe.size(3) - 1) * g.strideW() - 2L * g.padW() + g.kW()};
    }

    private static INDArrayIndex[] corner(long h, long w) {
        return new INDArrayIndex[] {NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, h),
                NDArrayIndex.interval(0, w)};
    }

    static void avgPool2d(INDArray input, ConvGeometry g, INDArray out) {
        exec("avgpool2d", of(input), of(out), poolArgs(g));
    }

    static void avgPool2dBackward(INDArray gradOut, ConvGeometry g, INDArray gradInput) {
        // the op reads only the shape of its first input (the pooled input) in average mode
        exec("avgpool2d_bp", of(gradInput, gradOut), of(gradInput), poolArgs(g));
    }
}
