package dev.latent.models.layer;

import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Scope;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Parameter;
import java.util.List;

/**
 * A per-channel gain on images, y[n, c, i, j] = x[n, c, i, j] * g[c] (unsup's {@code nn.Diag}
 * on feature maps; the convolutional PSD encoder puts one after its tanh), on rows
 * {@code [batch, C*H*W]}; g of shape {@code [C]} is initialised to 1.
 *
 * <p>Backward: g_x = g_y * g[c], dg[c] = sum over the batch and the plane of g_y * x.
 * Curvature: h_x = h_y * g[c]^2, h_g[c] += sum over the batch and the plane of h_y * x^2. The
 * gain is spread over the plane with one gemm ({@code g [C, 1]} times ones {@code [1, H*W]}) and
 * the per-channel sums gathered with another, so there is no host loop.
 */
public final class ChannelGain implements Layer {

    private final Engine engine;
    private final DType dtype;
    private final int channels;
    private final int plane;
    private final Parameter gain;
    private final Tensor gainColumn;
    private final Tensor ones;
    private final Tensor spreadMatrix;
    private final Tensor spread;
    private final Tensor columnSums;
    private final Tensor sumsMatrix;
    private final BatchBuffer output;
    private final BatchBuffer gradInput;
    private final BatchBuffer product;
    private Tensor input;

    /** @param name the parameter prefix: the parameter is {@code name.gain} */
    public ChannelGain(String name, int channels, int height, int width, Engine engine, DType dtype) {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("ChannelGain " + name + " needs positive sizes, found "
                    + channels + "x" + height + "x" + width);
        }
        this.engine = engine;
        this.dtype = dtype;
        this.channels = channels;
        this.plane = height * width;
        this.gain = Parameter.zeros(name + ".gain", engine, dtype, channels);
        engine.fill(gain.value(), 1);
        this.gainColumn = engine.zeros(dtype, channels, 1);
        this.ones = engine.zeros(dtype, 1, plane);
        engine.fill(ones, 1);
        this.spreadMatrix = engine.zeros(dtype, channels, plane);
        this.spread = engine.zeros(dtype, channels * plane);
        this.columnSums = engine.zeros(dtype, channels * plane);
        this.sumsMatrix = engine.zeros(dtype, channels, plane);
        this.output = new BatchBuffer(engine, dtype, channels * plane);
        this.gradInput = new BatchBuffer(engine, dtype, channels * plane);
        this.product = new BatchBuffer(engine, dtype, channels * plane);
    }

    public Parameter gain() {
        return gain;
    }

    @Override
    public int outputSize(int inputSize) {
        if (inputSize != channels * plane) {
            throw new IllegalArgumentException("ChannelGain expects " + channels * plane + " inputs (" + channels
                    + " channels of " + plane + "), found " + inputSize);
        }
        return inputSize;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(gain);
    }

    /** Writes g[c] (or g[c]^2 when squared) at every position of channel c into {@code target} [C*H*W]. */
    private void spreadGain(boolean squared, Tensor target) {
        engine.copy(gain.value(), gainColumn);
        if (squared) {
            engine.square(gainColumn, gainColumn);
        }
        engine.gemm(gainColumn, false, ones, false, 1, 0, spreadMatrix);
        engine.copy(spreadMatrix, target);
    }

    /** out[c] = sum over the plane of c of the column sums of {@code rows} [B, C*H*W]. */
    private void channelSums(Tensor rows, Tensor out) {
        engine.columnSums(rows, columnSums);
        engine.copy(columnSums, sumsMatrix);
        engine.gemm(sumsMatrix, false, ones, true, 1, 0, gainColumn);
        engine.copy(gainColumn, out);
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        this.input = input;
        spreadGain(false, spread);
        Tensor y = output.get(input.rows());
        engine.mulRowVector(input, spread, y);
        return y;
    }

    @Override
    public Tensor backward(Tensor gradOutput, boolean needInputGradient) {
        Tensor p = product.get(gradOutput.rows());
        engine.mul(gradOutput, input, p);
        channelSums(p, gain.gradient());
        if (!needInputGradient) {
            return null;
        }
        Tensor g = gradInput.get(gradOutput.rows());
        engine.mulRowVector(gradOutput, spread, g);
        return g;
    }

    @Override
    public Tensor backwardCurvature(Tensor curvatureOutput, boolean needInputCurvature) {
        try (Scope scope = engine.scope()) {
            Tensor p = product.get(curvatureOutput.rows());
            engine.square(input, p);
            engine.mul(p, curvatureOutput, p);
            Tensor sums = scope.zeros(dtype, channels);
            channelSums(p, sums);
            engine.add(gain.curvature(), sums, gain.curvature());
            if (!needInputCurvature) {
                return null;
            }
            Tensor squares = scope.zeros(dtype, channels * plane);
            spreadGain(true, squares);
            Tensor h = gradInput.get(curvatureOutput.rows());
            engine.mulRowVector(curvatureOutput, squares, h);
            return h;
        }
    }

    @Override
    public void close() {
        for (Tensor t : new Tensor[] {gainColumn, ones, spreadMatrix, spread, columnSums, sumsMatrix}) {
            t.close();
        }
        output.close();
        gradInput.close();
        product.close();
        gain.close();
    }

    @Override
    public String toString() {
        return "ChannelGain(" + channels + " x " + plane + ")";
    }
}
