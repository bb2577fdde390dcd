package dev.latent.models.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Loss;
import dev.latent.models.GradientCheck;
import dev.latent.models.TestEngine;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Values against hand-computed numbers, gradients against finite differences (float64). */
class LossTest {

    private static final DType F64 = DType.FLOAT64;
    private final Engine engine = TestEngine.cpu();

    static Stream<Loss> losses() {
        Engine e = TestEngine.cpu();
        return Stream.of(new MeanSquaredError(e), new BinaryCrossEntropy(e), new SoftmaxCrossEntropy(e));
    }

    @ParameterizedTest
    @MethodSource("losses")
    void gradientMatchesFiniteDifferences(Loss loss) {
        Tensor y = engine.zeros(F64, 3, 4);
        Tensor t = engine.zeros(F64, 3, 4);
        engine.random(21).fillGaussian(y, 0, 2);
        engine.random(22).fillUniform(t, 0, 1);
        Tensor g = engine.zeros(F64, 3, 4);
        double value = loss.compute(y, t, g);
        assertEquals(loss.value(y, t), value, 1e-12, "compute and value agree");
        GradientCheck.assertGradient(loss.name(), engine, y, g.toDoubleArray(), () -> loss.value(y, t), 100);
    }

    @Test
    void meanSquaredErrorByHand() {
        Loss mse = new MeanSquaredError(engine);
        Tensor y = engine.fromArray(new double[] {1, 2, 3, 4}, F64, 2, 2);
        Tensor t = engine.fromArray(new double[] {1, 0, 4, 2}, F64, 2, 2);
        assertEquals((0 + 4 + 1 + 4) / 4.0, mse.value(y, t), 1e-12);
    }

    @Test
    void binaryCrossEntropyByHandAndStableForLargeLogits() {
        Loss bce = new BinaryCrossEntropy(engine);
        Tensor x = engine.fromArray(new double[] {0, 2, -1, 200, -200}, F64, 1, 5);
        Tensor t = engine.fromArray(new double[] {1, 0, 0.25, 1, 0}, F64, 1, 5);
        double expected = 0;
        double[] xs = {0, 2, -1};
        double[] ts = {1, 0, 0.25};
        for (int i = 0; i < 3; i++) {
            double s = 1 / (1 + Math.exp(-xs[i]));
            expected += -(ts[i] * Math.log(s) + (1 - ts[i]) * Math.log(1 - s));
        }
        // the two saturated logits agree with their targets: their loss is ~0, not NaN
        assertEquals(expected / 5, bce.value(x, t), 1e-12);
    }
}
