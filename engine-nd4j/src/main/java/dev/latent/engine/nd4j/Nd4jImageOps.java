package dev.latent.engine.nd4j;

import dev.latent.api.engine.ConvGeometry;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;

/**
 * The image operations of {@link Nd4jEngine}: convolution, transposed convolution and pooling,
 * checked and run by {@link ConvolutionOps}, with the arrays the convolutions keep between calls.
 */
abstract class Nd4jImageOps implements Engine {

    /** The convolutions' zero inputs and zero-framed gradients, kept per shape. */
    private final KeptArrays kept = new KeptArrays();

    @Override
    public void conv2d(Tensor input, Tensor weight, Tensor bias, ConvGeometry g, Tensor out) {
        ConvolutionOps.conv2d(input, weight, bias, g, out);
    }

    @Override
    public void conv2dBackward(Tensor input, Tensor weight, Tensor gradOut, ConvGeometry g,
            Tensor gradInput, Tensor gradWeight, Tensor gradBias) {
        ConvolutionOps.conv2dBackward(input, weight, gradOut, g, gradInput, gradWeight, gradBias, kept);
    }

    @Override
    public void conv2dTranspose(Tensor input, Tensor weight, Tensor bias, ConvGeometry g, Tensor out) {
        ConvolutionOps.conv2dTranspose(input, weight, bias, g, out, kept);
    }

    @Override
    public void conv2dTransposeBackward(Tensor input, Tensor weight, Tensor gradOut, ConvGeometry g,
            Tensor gradInput, Tensor gradWeight, Tensor gradBias) {
        ConvolutionOps.conv2dTransposeBackward(input, weight, gradOut, g, gradInput, gradWeight, gradBias, kept);
    }

    @Override
    public void avgPool2d(Tensor input, ConvGeometry g, Tensor out) {
        ConvolutionOps.avgPool2d(input, g, out);
    }

    @Override
    public void avgPool2dBackward(Tensor gradOut, ConvGeometry g, Tensor gradInput) {
        ConvolutionOps.avgPool2dBackward(gradOut, g, gradInput);
    }

    @Override
    public void avgUnpool2d(Tensor input, ConvGeometry g, Tensor out) {
        ConvolutionOps.avgUnpool2d(input, g, out);
    }

    @Override
    public void avgUnpool2dBackward(Tensor gradOut, ConvGeometry g, Tensor gradInput) {
        ConvolutionOps.avgUnpool2dBackward(gradOut, g, gradInput);
    }

    // max pooling and unpooling: computed on the host in Java loops (HostMaxPooling), not by ND4J ops

    @Override
    public void maxPool2d(Tensor input, ConvGeometry g, Tensor out, Tensor indices) {
        ConvolutionOps.maxPool2d(input, g, out, indices);
    }

    @Override
    public void maxPool2dBackward(Tensor gradOut, Tensor indices, ConvGeometry g, Tensor gradInput) {
        ConvolutionOps.maxPool2dBackward(gradOut, indices, g, gradInput);
    }

    @Override
    public void maxUnpool2d(Tensor input, Tensor indices, ConvGeometry g, Tensor out) {
        ConvolutionOps.maxUnpool2d(input, indices, g, out);
    }

    @Override
    public void maxUnpool2dBackward(Tensor gradOut, Tensor indices, ConvGeometry g, Tensor gradInput) {
        ConvolutionOps.maxUnpool2dBackward(gradOut, indices, g, gradInput);
    }
}
