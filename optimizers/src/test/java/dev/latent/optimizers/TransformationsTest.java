package dev.latent.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Parameter;
import dev.latent.api.optim.Optimizer;
import dev.latent.api.optim.OptimizerState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Pins the numbers of the stateless and per-parameter transformations against hand
 * computation: clipping by global norm and by value, added weights, per-parameter rates.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransformationsTest {

    private static final double TOLERANCE = 1e-12;

    private Engine engine;

    @BeforeAll
    void open() {
        engine = TestKit.openEngine();
    }

    @AfterAll
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    /** Sets the gradients of a and b, updates, applies, and returns {update of a, update of b}. */
    private double[][] step(Optimizer optimizer, OptimizerState state, Parameter a, Parameter b, long t,
                            double[] ga, double[] gb) {
        engine.assign(a.gradient(), ga);
        engine.assign(b.gradient(), gb);
        optimizer.update(List.of(a, b), state, t);
        double[][] updates = {a.gradient().toDoubleArray(), b.gradient().toDoubleArray()};
        TestKit.apply(engine, List.of(a, b));
        return updates;
    }

    @Test
    void clipByGlobalNormScalesAllParametersTogether() {
        // maxNorm = 1, then lr = 0.1; a = [1, 1], b = [2]
        // step 1: g = ([3, 0], [4]), |g| = sqrt(9 + 16) = 5 > 1: scaled by 1/5 to ([0.6, 0], [0.8])
        //         u1 = -0.1 * that = ([-0.06, 0], [-0.08]);    a1 = [0.94, 1], b1 = [1.92]
        // step 2: g = ([0.3, 0], [-0.4]), |g| = 0.5 <= 1: unchanged
        //         u2 = ([-0.03, 0], [0.04]);                    a2 = [0.91, 1], b2 = [1.96]
        Optimizer clipped = Chain.of(new ClipByGlobalNorm(engine, 1), new ScaleByLearningRate(engine, 0.1));
        Parameter a = TestKit.parameter(engine, "a", 1, 1);
        Parameter b = TestKit.parameter(engine, "b", 2);
        OptimizerState state = clipped.init(List.of(a, b));
        double[][] u1 = step(clipped, state, a, b, 1, new double[] {3, 0}, new double[] {4});
        assertArrayEquals(new double[] {-0.06, 0}, u1[0], TOLERANCE);
        assertArrayEquals(new double[] {-0.08}, u1[1], TOLERANCE);
        double[][] u2 = step(clipped, state, a, b, 2, new double[] {0.3, 0}, new double[] {-0.4});
        assertArrayEquals(new double[] {-0.03, 0}, u2[0], TOLERANCE);
        assertArrayEquals(new double[] {0.04}, u2[1], TOLERANCE);
        assertArrayEquals(new double[] {0.91, 1}, a.value().toDoubleArray(), TOLERANCE);
        assertArrayEquals(new double[] {1.96}, b.value().toDoubleArray(), TOLERANCE);
    }

    @Test
    void clipByValueBoundsEachElement() {
        // c = 0.5: [3, -4, 0.25, -0.5] -> [0.5, -0.5, 0.25, -0.5]
        Optimizer clip = new ClipByValue(engine, 0.5);
        Parameter w = TestKit.parameter(engine, "w", 0, 0, 0, 0);
        assertArrayEquals(new double[] {0.5, -0.5, 0.25, -0.5},
                TestKit.step(engine, clip, clip.init(List.of(w)), w, 1, 3, -4, 0.25, -0.5), 0.0);
    }

    @Test
    void addDecayedWeightsAddsTheScaledValue() {
        // w = [1, -2], wd = 0.1, g = [0.5, 0.5]: u = g + 0.1 * w = [0.6, 0.3]
        Optimizer decay = new AddDecayedWeights(engine, 0.1);
        Parameter w = TestKit.parameter(engine, "w", 1, -2);
        assertArrayEquals(new double[] {0.6, 0.3}, TestKit.step(engine, decay, decay.init(List.of(w)), w, 1, 0.5, 0.5),
                TOLERANCE);
    }

    @Test
    void givenRatesMultiplyEachElement() {
        // r = [0.5, 2, 0]: u = g * r; g = [4, 4, 4] -> [2, 8, 0]; rates are copied at init
        Tensor rates = engine.fromArray(new double[] {0.5, 2, 0}, TestKit.DTYPE, 3);
        Optimizer scale = ScaleByParameterRates.given(engine, Map.of("w", rates));
        Parameter w = TestKit.parameter(engine, "w", 0, 0, 0);
        OptimizerState state = scale.init(List.of(w));
        engine.fill(rates, 7);
        assertArrayEquals(new double[] {2, 8, 0}, TestKit.step(engine, scale, state, w, 1, 4, 4, 4), 0.0);
        assertEquals(List.of("rate/w"), List.copyOf(state.tensors().keySet()));
    }

    @Test
    void ratesFromTheCurvatureAreReciprocalsOfTheClampedEstimate() {
        // h = [0, 0.5, 4, 100], clamped to [0.1, 10] = [0.1, 0.5, 4, 10]; r = [10, 2, 0.25, 0.1]
        // g = [1, 1, 2, -3]: u = g * r = [10, 2, 0.5, -0.3]
        Optimizer scale = ScaleByParameterRates.fromCurvature(engine, 0.1, 10);
        Parameter w = TestKit.parameter(engine, "w", 0, 0, 0, 0);
        engine.assign(w.curvature(), new double[] {0, 0.5, 4, 100});
        OptimizerState state = scale.init(List.of(w));
        assertArrayEquals(new double[] {10, 2, 0.5, -0.3}, TestKit.step(engine, scale, state, w, 1, 1, 1, 2, -3),
                TOLERANCE);
        // a new estimate takes effect at the next update: h = [1, 1, 1, 1]
        engine.fill(w.curvature(), 1);
        assertArrayEquals(new double[] {1, 1, 2, -3}, TestKit.step(engine, scale, state, w, 2, 1, 1, 2, -3), 0.0);
        assertArrayEquals(new double[] {1, 1, 1, 1}, state.tensor("clamped_curvature", "w").toDoubleArray(), 0.0);
    }

    @Test
    void parameterRatesNameTheParameterTheyLack() {
        Parameter w = TestKit.parameter(engine, "w", 0, 0);
        Optimizer missing = ScaleByParameterRates.given(engine, Map.of("v", engine.zeros(TestKit.DTYPE, 2)));
        assertEquals("parameter 'w' of shape [2] has no rate; rates were given for [v]",
                assertThrows(IllegalArgumentException.class, () -> missing.init(List.of(w))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ScaleByParameterRates.fromCurvature(engine, 0, 1));
    }
}
