package dev.latent.models.layer;

import dev.latent.api.engine.ConvGeometry;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.RandomStream;
import dev.latent.api.engine.Tensor;

/**
 * A 2-D convolution (cross-correlation, as PyTorch's {@code nn.Conv2d}) with a per-channel
 * bias, on images of {@code inChannels x inH x inW} given as rows of a rank-2 tensor
 * {@code [batch, C*H*W]} (NCHW, row-major); its output rows are {@code O*Ho*Wo} with
 * Ho, Wo from {@link ConvGeometry#outputHeight}/{@link ConvGeometry#outputWidth}. Use
 * {@link #outputChannels()}, {@link #outputHeight()} and {@link #outputWidth()} to chain
 * further image layers.
 *
 * <p>Parameters: {@code name.weight} of shape {@code [O, C, kH, kW]} and {@code name.bias} of
 * shape {@code [O]}, both initialised as PyTorch's default: uniform in +-1/sqrt(C kH kW).
 *
 * <p>Each forward copies its input into a rank-4 buffer and the rank-4 result out to a rank-2
 * one (and backward likewise for the gradients), because the engine API has no reshaping view
 * yet; a view operation would remove these copies. Buffers are allocated once per batch size.
 *
 * <p>{@link #backwardCurvature} is the Gauss-Newton diagonal of Becker and LeCun, with weight
 * sharing: h_W[o, c, a, b] += sum over n, i, j of x[n, c, i sH - pH + a, j sW - pW + b]^2
 * h_y[n, o, i, j] (the weight gradient of {@link Engine#conv2dBackward} for input x^2 and output
 * gradient h_y), h_b[o] += sum over n, i, j of h_y[n, o, i, j], and h_x the input gradient of
 * {@link Engine#conv2dBackward} for weight W^2 and output gradient h_y.
 */
public final class Conv2d extends ConvolutionLayer {

    /**
     * @param name   the parameter prefix: parameters are {@code name.weight} and {@code name.bias}
     * @param g      kernel, stride and padding (output padding is ignored)
     * @param random the stream that draws the initial values
     */
    public Conv2d(String name, int inChannels, int outChannels, int inH, int inW, ConvGeometry g,
                  Engine engine, DType dtype, RandomStream random) {
        super("Conv2d", name, inChannels, inH, inW, outChannels, g.outputHeight(inH), g.outputWidth(inW), g,
                new int[] {outChannels, inChannels, g.kH(), g.kW()}, 1 / Math.sqrt((double) inChannels * g.kH() * g.kW()),
                engine, dtype, random);
    }

    @Override
    protected void forward4(Tensor input, Tensor output) {
        engine.conv2d(input, weight.value(), bias.value(), geometry, output);
    }

    @Override
    protected void backwardOp(Tensor input, Tensor weight, Tensor gradOutput,
                              Tensor gradInput, Tensor gradWeight, Tensor gradBias) {
        engine.conv2dBackward(input, weight, gradOutput, geometry, gradInput, gradWeight, gradBias);
    }
}
