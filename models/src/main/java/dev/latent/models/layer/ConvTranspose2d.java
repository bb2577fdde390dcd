package dev.latent.models.layer;

import dev.latent.api.engine.ConvGeometry;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.RandomStream;
import dev.latent.api.engine.Tensor;

/**
 * A 2-D transposed convolution (PyTorch's {@code nn.ConvTranspose2d}), the adjoint of
 * {@link Conv2d} with respect to its input, plus a per-channel bias, on images of
 * {@code inChannels x inH x inW} given as rows of a rank-2 tensor {@code [batch, C*H*W]} (NCHW,
 * row-major); its output rows are {@code O*Ho*Wo} with
 * Ho = (H - 1) sH - 2 pH + kH + opH ({@link ConvGeometry#transposedOutputHeight}), widths
 * likewise. The output padding of the geometry chooses which of the input sizes that a strided
 * {@link Conv2d} maps to H is restored. Use {@link #outputChannels()}, {@link #outputHeight()}
 * and {@link #outputWidth()} to chain further image layers.
 *
 * <p>Parameters: {@code name.weight} of shape {@code [C, O, kH, kW]} (input channels first, as
 * PyTorch) and {@code name.bias} of shape {@code [O]}, both initialised as PyTorch's default for
 * {@code ConvTranspose2d}: uniform in +-1/sqrt(O kH kW), PyTorch's fan-in being computed from
 * {@code weight.size(1) * kH * kW}.
 *
 * <p>Each forward copies its input into a rank-4 buffer and the rank-4 result out to a rank-2
 * one (and backward likewise for the gradients), because the engine API has no reshaping view
 * yet; a view operation would remove these copies. Buffers are allocated once per batch size.
 *
 * <p>{@link #backwardCurvature} is the Gauss-Newton diagonal of Becker and LeCun, with weight
 * sharing: h_W[c, o, a, b] += sum over n, i, j of x[n, c, i, j]^2
 * h_y[n, o, i sH - pH + a, j sW - pW + b] (the weight gradient of
 * {@link Engine#conv2dTransposeBackward} for input x^2 and output gradient h_y),
 * h_b[o] += sum over n, y, x of h_y[n, o, y, x], and h_x the input gradient of
 * {@link Engine#conv2dTransposeBackward} for weight W^2 and output gradient h_y.
 */
public final class ConvTranspose2d extends ConvolutionLayer {

    /**
     * @param name   the parameter prefix: parameters are {@code name.weight} and {@code name.bias}
     * @param g      kernel, stride, padding and output padding
     * @param random the stream that draws the initial values
     */
    public ConvTranspose2d(String name, int inChannels, int outChannels, int inH, int inW, ConvGeometry g,
                           Engine engine, DType dtype, RandomStream random) {
        super("ConvTranspose2d", name, inChannels, inH, inW, outChannels, g.transposedOutputHeight(inH),
                g.transposedOutputWidth(inW), g, new int[] {inChannels, outChannels, g.kH(), g.kW()},
                1 / Math.sqrt((double) outChannels * g.kH() * g.kW()), engine, dtype, random);
    }

    @Override
    protected void forward4(Tensor input, Tensor output) {
        engine.conv2dTranspose(input, weight.value(), bias.value(), geometry, output);
    }

    @Override
    protected void backwardOp(Tensor input, Tensor weight, Tensor gradOutput,
                              Tensor gradInput, Tensor gradWeight, Tensor gradBias) {
        engine.conv2dTransposeBackward(input, weight, gradOutput, geometry, gradInput, gradWeight, gradBias);
    }
}
