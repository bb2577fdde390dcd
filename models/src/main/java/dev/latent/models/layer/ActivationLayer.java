package dev.latent.models.layer;

import dev.latent.api.engine.Activation;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Parameter;
import java.util.List;

/**
 * An element-wise activation y = f(x) (ReLU, sigmoid, tanh, softplus or identity) with its
 * backward g_x = g_y * f'(x) and its curvature backward h_x = h_y * f'(x)^2.
 */
public final class ActivationLayer implements Layer {

    private final Engine engine;
    private final Activation function;
    private final BatchBuffer output;
    private final BatchBuffer gradInput;
    private Tensor input;
    private Tensor lastOutput;

    public ActivationLayer(Activation function, Engine engine, DType dtype, int size) {
        this.engine = engine;
        this.function = function;
        this.output = new BatchBuffer(engine, dtype, size);
        this.gradInput = new BatchBuffer(engine, dtype, size);
    }

    public Activation function() {
        return function;
    }

    @Override
    public int outputSize(int inputSize) {
        return inputSize;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        this.input = input;
        this.lastOutput = output.get(input.rows());
        engine.activate(function, input, lastOutput);
        return lastOutput;
    }

    @Override
    public Tensor backward(Tensor gradOutput, boolean needInputGradient) {
        if (!needInputGradient) {
            return null;
        }
        Tensor g = gradInput.get(gradOutput.rows());
        engine.activationBackward(function, input, lastOutput, gradOutput, g);
        return g;
    }

    @Override
    public Tensor backwardCurvature(Tensor curvatureOutput, boolean needInputCurvature) {
        if (!needInputCurvature) {
            return null;
        }
        Tensor h = gradInput.get(curvatureOutput.rows());
        engine.activationCurvature(function, input, lastOutput, curvatureOutput, h);
        return h;
    }

    @Override
    public void close() {
        output.close();
        gradInput.close();
    }

    @Override
    public String toString() {
        return function.id();
    }
}
