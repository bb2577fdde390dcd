package dev.latent.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.latent.api.engine.Engine;
import dev.latent.api.model.Parameter;
import dev.latent.api.optim.Optimizer;
import dev.latent.api.optim.OptimizerContext;
import dev.latent.api.optim.OptimizerState;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Checks that compositions that mean the same thing compute the same numbers, step for step
 * and bit for bit where they run the same engine ops in the same order, and up to rounding
 * where they agree only mathematically (Adam with b1 = 0 against RMSprop).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompositionTest {

    /** A gradient sequence with signs, zeros and several magnitudes; row t is the step t + 1 gradient. */
    private static final double[][] GRADIENTS = {
        {0.5, -1, 0, 3}, {0.25, 2, -0.1, 3}, {-4, 0.01, 1e-3, -3}, {1, 1, 1, 1}, {0, -2, 5, 0.5},
    };

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

    /** Runs both optimizers side by side on the same gradients and asserts identical updates. */
    private void assertSameSteps(Optimizer expected, Optimizer actual) {
        Parameter a = TestKit.parameter(engine, "w", 1, -2, 0.5, 3);
        Parameter b = TestKit.parameter(engine, "w", 1, -2, 0.5, 3);
        OptimizerState stateA = expected.init(List.of(a));
        OptimizerState stateB = actual.init(List.of(b));
        for (int t = 0; t < GRADIENTS.length; t++) {
            double[] ua = TestKit.step(engine, expected, stateA, a, t + 1, GRADIENTS[t]);
            double[] ub = TestKit.step(engine, actual, stateB, b, t + 1, GRADIENTS[t]);
            assertArrayEquals(ua, ub, 0.0, "update of step " + (t + 1));
        }
        assertArrayEquals(a.value().toDoubleArray(), b.value().toDoubleArray(), 0.0, "values after all steps");
    }

    @Test
    void sgdWithoutMomentumIsScaleByLearningRate() {
        assertSameSteps(new ScaleByLearningRate(engine, 0.1),
                new SgdProvider().create(new SgdConfig(0.1, 0, false), new OptimizerContext(engine, 1000)));
    }

    @Test
    void adamIsScaleByAdamThenScaleByLearningRate() {
        assertSameSteps(
                Chain.of(new ScaleByAdam(engine, 0.9, 0.999, 1e-8), new ScaleByLearningRate(engine, 0.01)),
                new AdamProvider().create(new AdamConfig(0.01, 0.9, 0.999, 1e-8), new OptimizerContext(engine, 1000)));
    }

    @Test
    void aChainOfOneLinkIsTheLink() {
        assertSameSteps(new ScaleByAdam(engine, 0.9, 0.999, 1e-8), Chain.of(new ScaleByAdam(engine, 0.9, 0.999, 1e-8)));
        assertSameSteps(new Momentum(engine, 0.9, true), Chain.of(new Momentum(engine, 0.9, true)));
    }

    @Test
    void nestedChainsEqualTheFlatChain() {
        assertSameSteps(
                Chain.of(new Momentum(engine, 0.9, false), new ScaleByAdam(engine, 0.9, 0.999, 1e-8),
                        new ScaleByLearningRate(engine, 0.1)),
                Chain.of(Chain.of(new Momentum(engine, 0.9, false), new ScaleByAdam(engine, 0.9, 0.999, 1e-8)),
                        new ScaleByLearningRate(engine, 0.1)));
    }

    @Test
    void momentumZeroIsTheIdentity() {
        assertSameSteps(Chain.of(), new Momentum(engine, 0, false));
    }

    @Test
    void adamWithoutFirstMomentIsRmspropTimesTheBiasCorrection() {
        // b1 = 0: mhat = g; vhat = v / (1 - b2^t), so with eps negligible
        // adam = g / sqrt(vhat) = sqrt(1 - b2^t) * g / sqrt(v) = sqrt(1 - b2^t) * rmsprop(rho = b2)
        double beta2 = 0.9;
        Optimizer adam = new ScaleByAdam(engine, 0, beta2, 1e-300);
        Optimizer rmsprop = new ScaleByRmsprop(engine, beta2, 1e-300);
        Parameter a = TestKit.parameter(engine, "w", 1, -2, 0.5, 3);
        Parameter b = TestKit.parameter(engine, "w", 1, -2, 0.5, 3);
        OptimizerState stateA = adam.init(List.of(a));
        OptimizerState stateB = rmsprop.init(List.of(b));
        for (int t = 1; t <= GRADIENTS.length; t++) {
            double[] ua = TestKit.step(engine, adam, stateA, a, t, GRADIENTS[t - 1]);
            double[] ub = TestKit.step(engine, rmsprop, stateB, b, t, GRADIENTS[t - 1]);
            double correction = Math.sqrt(1 - Math.pow(beta2, t));
            for (int i = 0; i < ua.length; i++) {
                assertEquals(correction * ub[i], ua[i], 1e-12 * Math.abs(ua[i]), "step " + t + ", element " + i);
            }
        }
    }

    @Test
    void adamwWithoutDecayIsAdam() {
        assertSameSteps(TestKit.create(new AdamProvider(), new AdamConfig(0.01, 0.9, 0.999, 1e-8), engine),
                TestKit.create(new AdamWProvider(), new AdamWConfig(0.01, 0.9, 0.999, 1e-8, 0), engine));
    }

    @Test
    void clippingWithAHugeThresholdIsTheIdentity() {
        assertSameSteps(Chain.of(), new ClipByGlobalNorm(engine, 1e300));
        assertSameSteps(Chain.of(), new ClipByValue(engine, 1e300));
        assertSameSteps(TestKit.create(new AdamProvider(), new AdamConfig(0.01, 0.9, 0.999, 1e-8), engine),
                TestKit.create(new AdamProvider(),
                        new AdamConfig(0.01, 0.9, 0.999, 1e-8, 0, ScheduleConfig.constant(), 1e300, 1e300), engine));
    }

    @Test
    void aConstantScheduleIsScaleByLearningRate() {
        assertSameSteps(new ScaleByLearningRate(engine, 0.1), new ScaleBySchedule(engine, new ConstantSchedule(0.1)));
    }

    @Test
    void namedChainsFollowTheDocumentedOrder() {
        // clip by value -> clip by norm -> L2 decay -> scale_by_X -> momentum -> decoupled decay -> schedule
        ScheduleConfig step = ScheduleConfig.step(2, 0.5);
        Schedule schedule = new StepDecay(0.1, 0.5, 2);
        assertSameSteps(Chain.of(new ClipByValue(engine, 2), new ClipByGlobalNorm(engine, 3),
                        new AddDecayedWeights(engine, 0.01), new Momentum(engine, 0.9, true),
                        new ScaleBySchedule(engine, schedule)),
                TestKit.create(new SgdProvider(), new SgdConfig(0.1, 0.9, true, 0.01, step, 3, 2), engine));
        assertSameSteps(Chain.of(new ClipByGlobalNorm(engine, 3), new AddDecayedWeights(engine, 0.01),
                        new ScaleByRmsprop(engine, 0.9, 1e-8), new Momentum(engine, 0.5, false),
                        new ScaleBySchedule(engine, schedule)),
                TestKit.create(new RmspropProvider(), new RmspropConfig(0.1, 0.9, 1e-8, 0.5, 0.01, step, 3, 0), engine));
        assertSameSteps(Chain.of(new ClipByValue(engine, 2), new ScaleByAdam(engine, 0.9, 0.999, 1e-8),
                        new AddDecayedWeights(engine, 0.01), new ScaleBySchedule(engine, schedule)),
                TestKit.create(new AdamWProvider(), new AdamWConfig(0.1, 0.9, 0.999, 1e-8, 0.01, step, 0, 2), engine));
    }

    @Test
    void aChainRejectsAStateItDidNotMake() {
        Parameter w = TestKit.parameter(engine, "w", 1);
        Chain two = Chain.of(new ScaleByLearningRate(engine, 0.1), new ScaleByLearningRate(engine, 0.1));
        OptimizerState one = Chain.of(new ScaleByLearningRate(engine, 0.1)).init(List.of(w));
        assertThrows(IllegalArgumentException.class, () -> two.update(List.of(w), one, 1));
    }
}
