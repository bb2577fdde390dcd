package dev.latent.models.loss;

import dev.latent.api.engine.Activation;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Scope;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Loss;

/**
 * Binary cross-entropy on logits x against targets t in [0, 1], averaged over every element:
 * L = (1/N) sum [softplus(x) - x t], which equals -(1/N) sum [t log s + (1 - t) log(1 - s)]
 * with s = sigmoid(x), but never takes the log of 0 (softplus is computed stably).
 * dL/dx = (s - t)/N; Gauss-Newton curvature s(1 - s)/N. The model's output is logits, so
 * {@link #outputActivation()} is sigmoid.
 */
public final class BinaryCrossEntropy implements Loss {

    private final Engine engine;

    public BinaryCrossEntropy(Engine engine) {
        this.engine = engine;
    }

    @Override
    public String name() {
        return "bce";
    }

    @Override
    public double compute(Tensor output, Tensor target, Tensor gradient) {
        double n = output.size();
        engine.activate(Activation.SOFTPLUS, output, gradient);
        double loss = (engine.sum(gradient) - engine.dot(output, target)) / n;
        engine.activate(Activation.SIGMOID, output, gradient);
        engine.sub(gradient, target, gradient);
        engine.scale(gradient, 1 / n, gradient);
        return loss;
    }

    @Override
    public double value(Tensor output, Tensor target) {
        try (Scope scope = engine.scope()) {
            Tensor softplus = scope.zeros(output.dtype(), output.shape());
            engine.activate(Activation.SOFTPLUS, output, softplus);
            return (engine.sum(softplus) - engine.dot(output, target)) / output.size();
        }
    }

    @Override
    public void curvature(Tensor output, Tensor target, Tensor curvature) {
        try (Scope scope = engine.scope()) {
            Tensor s = scope.zeros(output.dtype(), output.shape());
            engine.activate(Activation.SIGMOID, output, s);
            engine.square(s, curvature);
            engine.sub(s, curvature, curvature);
            engine.scale(curvature, 1.0 / output.size(), curvature);
        }
    }

    @Override
    public Activation outputActivation() {
        return Activation.SIGMOID;
    }
}
