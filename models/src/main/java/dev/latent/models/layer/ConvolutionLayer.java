package dev.latent.models.layer;

import dev.latent.api.engine.ConvGeometry;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.RandomStream;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Parameter;
import java.util.List;

/**
 * What {@link Conv2d} and {@link ConvTranspose2d} share: a geometry, a weight and a per-channel
 * bias initialised uniform in +-{@code bound}, and no curvature backward yet. Subclasses give the
 * weight's shape and the engine operations.
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

    /** Not supported yet: the Gauss-Newton curvature of a convolution is later work. */
    @Override
    public Tensor backwardCurvature(Tensor curvatureOutput, boolean needInputCurvature) {
        throw new UnsupportedOperationException(description + ": the Gauss-Newton diagonal-Hessian backward of a"
                + " " + curvatureName() + " is not implemented yet (use an optimizer that needs no curvature)");
    }

    /** How the curvature message names this layer: "convolution" or "transposed convolution". */
    protected abstract String curvatureName();

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
