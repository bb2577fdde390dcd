package dev.latent.models.layer;

import dev.latent.api.engine.ConvGeometry;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.RandomStream;
import dev.latent.api.engine.Scope;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Parameter;
import java.util.List;

/**
 * What {@link Conv2d} and {@link ConvTranspose2d} share: a geometry, a weight and a per-channel
 * bias initialised uniform in +-{@code bound}, the backward, and the Gauss-Newton curvature
 * backward, which is the same engine backward run on squared inputs or weights. Subclasses give
 * the weight's shape and the engine operations.
 */
abstract class ConvolutionLayer extends SpatialLayer {

    protected final ConvGeometry geometry;
    protected final Parameter weight;
    protected final Parameter bias;

    ConvolutionLayer(String kind, String name, int inChannels, int inH, int inW, int outChannels, int outH, int outW,
                     ConvGeometry g, int[] weightShape, double bound, Engine engine, DType dtype, RandomStream random) {
        super(kind + " " + name, inChannels, inH, inW, outChannels, outH, outW, engine, dtype);
        this.geometry = g;
        this.weight = Parameter.zeros(name + ".weight", engine, dtype, weightShape);
        this.bias = Parameter.zeros(name + ".bias", engine, dtype, outChannels);
        random.fillUniform(weight.value(), -bound, bound);
        random.fillUniform(bias.value(), -bound, bound);
    }

    public ConvGeometry geometry() {
        return geometry;
    }

    public Parameter weight() {
        return weight;
    }

    public Parameter bias() {
        return bias;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }

    /**
     * The engine's backward of this layer's operation, given the input, the weight and the
     * output gradient: overwrites gradWeight and gradBias, and gradInput unless it is null.
     */
    protected abstract void backwardOp(Tensor input, Tensor weight, Tensor gradOutput,
                                       Tensor gradInput, Tensor gradWeight, Tensor gradBias);

    @Override
    protected final void backward4(Tensor input, Tensor gradOutput, Tensor gradInput) {
        backwardOp(input, weight.value(), gradOutput, gradInput, weight.gradient(), bias.gradient());
    }

    /**
     * The Gauss-Newton diagonal-Hessian backward (Becker and LeCun 1989) of y = conv(x, W) + b,
     * with weight sharing: each weight's curvature sums x^2 h_y over the positions it touched,
     * h_W += (the weight gradient of the backward with input x^2 and output gradient h_y),
     * h_b += the per-channel sums of h_y, and h_x = (the input gradient of the backward with
     * weight W^2 and output gradient h_y). Its temporaries (x^2, W^2 and the two increments) come
     * from a scope, as in {@link Linear}: it runs every N samples, not every step.
     */
    @Override
    public Tensor backwardCurvature(Tensor curvatureOutput, boolean needInputCurvature) {
        int n = checkBackward(curvatureOutput, "curvature");
        Tensor h4 = outputGradientImages(curvatureOutput);
        Tensor hx4 = needInputCurvature ? gradInput4(n) : null;
        try (Scope scope = engine.scope()) {
            Tensor xSquared = scope.zeros(dtype, input.shape());
            engine.square(input, xSquared);
            Tensor w = weight.value();
            if (needInputCurvature) {
                w = scope.zeros(dtype, w.shape());
                engine.square(weight.value(), w);
            }
            Tensor hw = scope.zeros(dtype, w.shape());
            Tensor hb = scope.zeros(dtype, outChannels);
            backwardOp(xSquared, w, h4, hx4, hw, hb);
            engine.add(weight.curvature(), hw, weight.curvature());
            engine.add(bias.curvature(), hb, bias.curvature());
        }
        if (hx4 == null) {
            return null;
        }
        return inputGradientRows(hx4);
    }

    @Override
    public void close() {
        super.close();
        parameters().forEach(Parameter::close);
    }

    @Override
    public String toString() {
        return super.toString() + " " + geometry;
    }
}
