package dev.latent.models.layer;

import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.RandomStream;
import dev.latent.api.engine.Scope;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Parameter;
import java.util.List;

/**
 * A fully connected layer y = x W + b, with W of shape {@code [in, out]} and b of shape
 * {@code [out]}, initialised as PyTorch's {@code nn.Linear}: both uniform in
 * [-1/sqrt(in), 1/sqrt(in)].
 *
 * <p>Backward: dW = x^T g, db = sum over the batch of g, dx = g W^T. Curvature backward
 * (Gauss-Newton): h_W += (x^2)^T h_y, h_b += sum of h_y, h_x = h_y (W^2)^T.
 */
public final class Linear implements Layer {

    private final Engine engine;
    private final DType dtype;
    private final int in;
    private final int out;
    private final Parameter weight;
    private final Parameter bias;
    private final BatchBuffer output;
    private final BatchBuffer gradInput;
    private Tensor input;

    /**
     * @param name   the parameter prefix: parameters are {@code name.weight} and {@code name.bias}
     * @param random the stream that draws the initial values
     */
    public Linear(String name, int in, int out, Engine engine, DType dtype, RandomStream random) {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("Linear " + name + " needs positive sizes, found " + in + " -> " + out);
        }
        this.engine = engine;
        this.dtype = dtype;
        this.in = in;
        this.out = out;
        double bound = 1 / Math.sqrt(in);
        this.weight = Parameter.zeros(name + ".weight", engine, dtype, in, out);
        this.bias = Parameter.zeros(name + ".bias", engine, dtype, out);
        random.fillUniform(weight.value(), -bound, bound);
        random.fillUniform(bias.value(), -bound, bound);
        this.output = new BatchBuffer(engine, dtype, out);
        this.gradInput = new BatchBuffer(engine, dtype, in);
    }

    public Parameter weight() {
        return weight;
    }

    public Parameter bias() {
        return bias;
    }

    @Override
    public int outputSize(int inputSize) {
        if (inputSize != in) {
            throw new IllegalArgumentException("Linear expects " + in + " inputs, found " + inputSize);
        }
        return out;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        this.input = input;
        Tensor y = output.get(input.rows());
        engine.gemm(input, false, weight.value(), false, 1, 0, y);
        engine.addRowVector(y, bias.value(), y);
        return y;
    }

    @Override
    public Tensor backward(Tensor gradOutput, boolean needInputGradient) {
        engine.gemm(input, true, gradOutput, false, 1, 0, weight.gradient());
        engine.columnSums(gradOutput, bias.gradient());
        if (!needInputGradient) {
            return null;
        }
        Tensor g = gradInput.get(gradOutput.rows());
        engine.gemm(gradOutput, false, weight.value(), true, 1, 0, g);
        return g;
    }

    @Override
    public Tensor backwardCurvature(Tensor curvatureOutput, boolean needInputCurvature) {
        // Not on the training hot path (it runs every N samples), so temporaries come from a scope.
        try (Scope scope = engine.scope()) {
            Tensor xSquared = scope.zeros(dtype, input.rows(), in);
            engine.square(input, xSquared);
            engine.gemm(xSquared, true, curvatureOutput, false, 1, 1, weight.curvature());
            Tensor biasSum = scope.zeros(dtype, out);
            engine.columnSums(curvatureOutput, biasSum);
            engine.add(bias.curvature(), biasSum, bias.curvature());
            if (!needInputCurvature) {
                return null;
            }
            Tensor wSquared = scope.zeros(dtype, in, out);
            engine.square(weight.value(), wSquared);
            Tensor h = gradInput.get(curvatureOutput.rows());
            engine.gemm(curvatureOutput, false, wSquared, true, 1, 0, h);
            return h;
        }
    }

    @Override
    public void close() {
        output.close();
        gradInput.close();
        parameters().forEach(Parameter::close);
    }

    @Override
    public String toString() {
        return "Linear(" + in + " -> " + out + ")";
    }
}
