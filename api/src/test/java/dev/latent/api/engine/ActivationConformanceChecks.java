package dev.latent.api.engine;

import static dev.latent.api.engine.TensorAssertions.near;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Conformance of the activations: f, f' and f'^2 at hand-computed points, in float32 and
 * float64, including aliasing and softplus's stability. Part of {@link EngineConformanceSuite}.
 */
public abstract class ActivationConformanceChecks extends CoreConformanceChecks {

    // ---- activations: f, f' and f'^2 at hand-computed points

    private static final double[] X = {-2, -0.5, 0, 0.5, 2};

    private static double sig(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    private static double[] map(java.util.function.DoubleUnaryOperator f) {
        return Arrays.stream(X).map(f).toArray();
    }

    private void checkActivation(DType d, Activation f, double[] value, double[] slope) {
        Tensor x = v(d, X);
        Tensor y = engine.zeros(d, X.length);
        engine.activate(f, x, y);
        near(d, value, y);
        Tensor g = v(d, 1, 2, 3, 4, 5);
        Tensor gin = engine.zeros(d, X.length);
        engine.activationBackward(f, x, y, g, gin);
        double[] expected = new double[X.length];
        double[] curvature = new double[X.length];
        for (int i = 0; i < X.length; i++) {
            expected[i] = (i + 1) * slope[i];
            curvature[i] = (i + 1) * slope[i] * slope[i];
        }
        near(d, expected, gin);
        engine.activationCurvature(f, x, y, g, gin);
        near(d, curvature, gin);
        engine.activationBackward(f, x, y, g, g);            // gradIn aliases gradOut
        near(d, expected, g);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void identity(DType d) {
        checkActivation(d, Activation.IDENTITY, X.clone(), map(x -> 1));
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void relu(DType d) {
        checkActivation(d, Activation.RELU, map(x -> Math.max(0, x)), map(x -> x > 0 ? 1 : 0));
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void sigmoid(DType d) {
        checkActivation(d, Activation.SIGMOID, map(ActivationConformanceChecks::sig), map(x -> sig(x) * (1 - sig(x))));
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void tanh(DType d) {
        checkActivation(d, Activation.TANH, map(Math::tanh), map(x -> 1 - Math.tanh(x) * Math.tanh(x)));
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void softplus(DType d) {
        checkActivation(d, Activation.SOFTPLUS, map(x -> Math.log1p(Math.exp(x))), map(ActivationConformanceChecks::sig));
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void softplusIsStableForLargeInputs(DType d) {
        Tensor x = v(d, -100, 100, 50);
        engine.activate(Activation.SOFTPLUS, x, x);          // in place
        near(d, new double[] {Math.exp(-100), 100, 50}, x);
    }
}
