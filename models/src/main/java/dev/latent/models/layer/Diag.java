package dev.latent.models.layer;

import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Scope;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Parameter;
import java.util.List;

/**
 * A per-unit gain y = x * g (Torch's {@code nn.Diag}), g of shape {@code [size]} initialised
 * to 1; the PSD encoder puts one after its tanh. Backward: g_x = g_y * g, dg = sum over the
 * batch of g_y * x. Curvature: h_x = h_y * g^2, h_g += sum over the batch of h_y * x^2.
 */
public final class Diag implements Layer {

    private final Engine engine;
    private final DType dtype;
    private final Parameter gain;
    private final BatchBuffer output;
    private final BatchBuffer gradInput;
    private final BatchBuffer product;
    private Tensor input;

    /** @param name the parameter prefix: the parameter is {@code name.gain} */
    public Diag(String name, int size, Engine engine, DType dtype) {
        this.engine = engine;
        this.dtype = dtype;
        this.gain = Parameter.zeros(name + ".gain", engine, dtype, size);
        engine.fill(gain.value(), 1);
        this.output = new BatchBuffer(engine, dtype, size);
        this.gradInput = new BatchBuffer(engine, dtype, size);
        this.product = new BatchBuffer(engine, dtype, size);
    }

    public Parameter gain() {
        return gain;
    }

    @Override
    public int outputSize(int inputSize) {
        if (inputSize != gain.value().size()) {
            throw new IllegalArgumentException("Diag expects " + gain.value().size() + " inputs, found " + inputSize);
        }
        return inputSize;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(gain);
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        this.input = input;
        Tensor y = output.get(input.rows());
        engine.mulRowVector(input, gain.value(), y);
        return y;
    }

    @Override
    public Tensor backward(Tensor gradOutput, boolean needInputGradient) {
        Tensor p = product.get(gradOutput.rows());
        engine.mul(gradOutput, input, p);
        engine.columnSums(p, gain.gradient());
        if (!needInputGradient) {
            return null;
        }
        Tensor g = gradInput.get(gradOutput.rows());
        engine.mulRowVector(gradOutput, gain.value(), g);
        return g;
    }

    @Override
    public Tensor backwardCurvature(Tensor curvatureOutput, boolean needInputCurvature) {
        try (Scope scope = engine.scope()) {
            Tensor p = product.get(curvatureOutput.rows());
            engine.square(input, p);
            engine.mul(p, curvatureOutput, p);
            Tensor sums = scope.zeros(dtype, (int) gain.value().size());
            engine.columnSums(p, sums);
            engine.add(gain.curvature(), sums, gain.curvature());
            if (!needInputCurvature) {
                return null;
            }
            Tensor gainSquared = scope.zeros(dtype, (int) gain.value().size());
            engine.square(gain.value(), gainSquared);
            Tensor h = gradInput.get(curvatureOutput.rows());
            engine.mulRowVector(curvatureOutput, gainSquared, h);
            return h;
        }
    }

    @Override
    public void close() {
        output.close();
        gradInput.close();
        product.close();
        gain.close();
    }

    @Override
    public String toString() {
        return "Diag(" + gain.value().size() + ")";
    }
}
