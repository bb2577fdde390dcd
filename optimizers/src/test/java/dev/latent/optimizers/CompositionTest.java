package dev.latent.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
 * and bit for bit: they run the same engine ops in the same order.
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
    void aChainRejectsAStateItDidNotMake() {
        Parameter w = TestKit.parameter(engine, "w", 1);
        Chain two = Chain.of(new ScaleByLearningRate(engine, 0.1), new ScaleByLearningRate(engine, 0.1));
        OptimizerState one = Chain.of(new ScaleByLearningRate(engine, 0.1)).init(List.of(w));
        assertThrows(IllegalArgumentException.class, () -> two.update(List.of(w), one, 1));
    }
}
