package dev.latent.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

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
 * Pins two steps of {@code adam} (Kingma and Ba 2015, Algorithm 1) against values computed by
 * hand: w0 = [1, -2], lr = 0.1, b1 = 0.9, b2 = 0.999, eps = 1e-8, gradients g1 = [0.5, -1]
 * then g2 = [0.25, 2].
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdamTwoStepsTest {

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

    @Test
    void twoStepsMatchTheHandComputation() {
        Parameter w = TestKit.parameter(engine, "w", 1, -2);
        Optimizer adam = new AdamProvider().create(new AdamConfig(0.1, 0.9, 0.999, 1e-8), new OptimizerContext(engine, 1000));
        OptimizerState state = adam.init(List.of(w));

        // Step 1 (t = 1): the bias corrections 1 - 0.9 = 0.1 and 1 - 0.999 = 0.001 undo the
        // (1 - b) factors, so mhat = g1 and vhat = g1^2 exactly.
        //   m1 = 0.1 * g1 = [0.05, -0.1]          v1 = 0.001 * g1^2 = [0.00025, 0.001]
        //   mhat = [0.5, -1]                       sqrt(vhat) = [0.5, 1]
        //   u1 = -0.1 * mhat / (sqrt(vhat) + eps) = [-0.05 / (0.5 + 1e-8), 0.1 / (1 + 1e-8)]
        //      = [-0.099999998, 0.099999999] (to 9 digits)
        double[] u1 = TestKit.step(engine, adam, state, w, 1, 0.5, -1);
        assertArrayEquals(new double[] {-0.05 / (0.5 + 1e-8), 0.1 / (1 + 1e-8)}, u1, TOLERANCE);

        // Step 2 (t = 2): corrections 1 - 0.9^2 = 0.19 and 1 - 0.999^2 = 0.001999.
        //   m2 = 0.9 * m1 + 0.1 * g2 = [0.045 + 0.025, -0.09 + 0.2] = [0.07, 0.11]
        //   v2 = 0.999 * v1 + 0.001 * g2^2 = [0.00024975 + 0.0000625, 0.000999 + 0.004]
        //      = [0.00031225, 0.004999]
        //   mhat = m2 / 0.19     = [0.368421052631579, 0.578947368421053]
        //   vhat = v2 / 0.001999 = [0.156203101550778, 2.500750375187594]
        //   sqrt(vhat)           = [0.395225380701667, 1.581376101750506]
        //   u2 = -0.1 * mhat / (sqrt(vhat) + eps) = [-0.0932179615225376, -0.0366103524720748]
        //   w2 = w1 + u2 = [0.900000002 - 0.0932179615225376, -1.900000001 - 0.0366103524720748]
        //      = [0.8067820404774624, -1.9366103534720749]
        double[] u2 = TestKit.step(engine, adam, state, w, 2, 0.25, 2);
        assertArrayEquals(new double[] {-0.0932179615225376, -0.0366103524720748}, u2, TOLERANCE);
        assertArrayEquals(new double[] {0.8067820404774624, -1.9366103534720749}, w.value().toDoubleArray(),
                TOLERANCE);
    }

    @Test
    void theMomentsAreTheStateAfterTwoSteps() {
        Parameter w = TestKit.parameter(engine, "w", 1, -2);
        Optimizer adam = new AdamProvider().create(new AdamConfig(0.1, 0.9, 0.999, 1e-8), new OptimizerContext(engine, 1000));
        OptimizerState state = adam.init(List.of(w));
        TestKit.step(engine, adam, state, w, 1, 0.5, -1);
        TestKit.step(engine, adam, state, w, 2, 0.25, 2);
        // m2 and v2 from the computation above
        OptimizerState moments = state.children().get(0);
        assertArrayEquals(new double[] {0.07, 0.11}, moments.tensor("m", "w").toDoubleArray(), TOLERANCE);
        assertArrayEquals(new double[] {0.00031225, 0.004999}, moments.tensor("v", "w").toDoubleArray(), TOLERANCE);
    }
}
