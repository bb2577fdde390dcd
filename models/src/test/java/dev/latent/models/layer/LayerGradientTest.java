package dev.latent.models.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.latent.api.engine.Activation;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.RandomStream;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Parameter;
import dev.latent.models.GradientCheck;
import dev.latent.models.TestEngine;
import java.util.List;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Finite-difference gradient checks (float64) of every layer: input and parameter gradients. */
class LayerGradientTest {

    private static final DType F64 = DType.FLOAT64;
    private final Engine engine = TestEngine.cpu();

    /** Checks layer.backward against d/d(.) of L = sum(R * layer(x)) for a fixed random R. */
    private void check(Layer layer, int batch, int in, long seed) {
        RandomStream random = engine.random(seed);
        Tensor x = engine.zeros(F64, batch, in);
        random.fillGaussian(x, 0, 1);
        pushAwayFromZero(x);
        int out = layer.outputSize(in);
        Tensor r = engine.zeros(F64, batch, out);
        random.fillGaussian(r, 0, 1);
        DoubleSupplier loss = () -> engine.dot(r, layer.forward(x, true));

        layer.forward(x, true);
        double[] gradX = layer.backward(r, true).toDoubleArray();
        List<Parameter> params = layer.parameters();
        List<double[]> gradParams = params.stream().map(p -> p.gradient().toDoubleArray()).toList();

        GradientCheck.assertGradient(layer + " input", engine, x, gradX, loss, 40);
        for (int i = 0; i < params.size(); i++) {
            GradientCheck.assertGradient(params.get(i).name(), engine, params.get(i).value(), gradParams.get(i), loss, 40);
        }
    }

    /** Moves inputs off ReLU's kink so that finite differences stay on one side of it. */
    private void pushAwayFromZero(Tensor x) {
        double[] v = x.toDoubleArray();
        for (int i = 0; i < v.length; i++) {
            if (Math.abs(v[i]) < 0.05) {
                v[i] = v[i] < 0 ? -0.5 : 0.5;
            }
        }
        engine.assign(x, v);
    }

    @Test
    void linear() {
        check(new Linear("fc", 5, 3, engine, F64, engine.random(1)), 4, 5, 11);
    }

    @Test
    void diag() {
        Diag diag = new Diag("gain", 5, engine, F64);
        engine.random(9).fillUniform(diag.gain().value(), 0.5, 2);
        check(diag, 4, 5, 14);
    }

    @Test
    void channelGain() {
        ChannelGain gain = new ChannelGain("gain", 3, 2, 2, engine, F64);
        engine.random(19).fillUniform(gain.gain().value(), 0.5, 2);
        check(gain, 4, 12, 20);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void activation(Activation f) {
        check(new ActivationLayer(f, engine, F64, 6), 3, 6, 12);
    }

    @Test
    void sequential() {
        RandomStream init = engine.random(2);
        Layer net = new Sequential(List.of(
                new Linear("a", 6, 4, engine, F64, init),
                new ActivationLayer(Activation.TANH, engine, F64, 4),
                new Linear("b", 4, 3, engine, F64, init),
                new ActivationLayer(Activation.SIGMOID, engine, F64, 3)));
        check(net, 5, 6, 13);
    }

    @Test
    void firstLayerSkipsTheInputGradient() {
        Linear fc = new Linear("fc", 3, 2, engine, F64, engine.random(3));
        Tensor x = engine.fromArray(new double[] {1, 2, 3}, F64, 1, 3);
        fc.forward(x, true);
        assertEquals(null, fc.backward(engine.fromArray(new double[] {1, 1}, F64, 1, 2), false));
        // dW = x^T g: each column is x
        assertEquals(List.of(1.0, 1.0, 2.0, 2.0, 3.0, 3.0),
                java.util.Arrays.stream(fc.weight().gradient().toDoubleArray()).boxed().toList());
    }
}
