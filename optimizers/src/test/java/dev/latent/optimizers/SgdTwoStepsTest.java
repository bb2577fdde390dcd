package dev.latent.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.latent.api.engine.Engine;
import dev.latent.api.model.Parameter;
import dev.latent.api.optim.Optimizer;
import dev.latent.api.optim.OptimizerState;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Pins two steps of {@code sgd}, with and without momentum, against values computed by hand.
 * Every case starts at w0 = [1, -2] with lr = 0.1 and sees the gradients g1 = [0.5, -1] then
 * g2 = [0.25, 2].
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SgdTwoStepsTest {

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

    /** Runs two steps and returns {update 1, update 2, w2}. */
    private double[][] twoSteps(SgdConfig config) {
        Parameter w = TestKit.parameter(engine, "w", 1, -2);
        Optimizer sgd = TestKit.create(new SgdProvider(), config, engine);
        OptimizerState state = sgd.init(List.of(w));
        double[] u1 = TestKit.step(engine, sgd, state, w, 1, 0.5, -1);
        double[] u2 = TestKit.step(engine, sgd, state, w, 2, 0.25, 2);
        return new double[][] {u1, u2, w.value().toDoubleArray()};
    }

    @Test
    void plainSgdStepsAlongMinusLearningRateTimesGradient() {
        // u1 = -0.1 * [0.5, -1]  = [-0.05, 0.1];   w1 = [0.95, -1.9]
        // u2 = -0.1 * [0.25, 2]  = [-0.025, -0.2]; w2 = [0.925, -2.1]
        double[][] r = twoSteps(new SgdConfig(0.1, 0, false));
        assertArrayEquals(new double[] {-0.05, 0.1}, r[0], TOLERANCE);
        assertArrayEquals(new double[] {-0.025, -0.2}, r[1], TOLERANCE);
        assertArrayEquals(new double[] {0.925, -2.1}, r[2], TOLERANCE);
    }

    @Test
    void heavyBallAccumulatesVelocity() {
        // mu = 0.9
        // v1 = 0.9 * 0 + g1 = [0.5, -1];                   u1 = -0.1 * v1 = [-0.05, 0.1]
        // w1 = [0.95, -1.9]
        // v2 = 0.9 * [0.5, -1] + [0.25, 2] = [0.7, 1.1];   u2 = -0.1 * v2 = [-0.07, -0.11]
        // w2 = [0.95 - 0.07, -1.9 - 0.11] = [0.88, -2.01]
        double[][] r = twoSteps(new SgdConfig(0.1, 0.9, false));
        assertArrayEquals(new double[] {-0.05, 0.1}, r[0], TOLERANCE);
        assertArrayEquals(new double[] {-0.07, -0.11}, r[1], TOLERANCE);
        assertArrayEquals(new double[] {0.88, -2.01}, r[2], TOLERANCE);
    }

    @Test
    void nesterovLooksAheadAlongTheNewVelocity() {
        // mu = 0.9; u = g + mu * v_new, then scaled by -lr
        // v1 = [0.5, -1];   g1 + 0.9 v1 = [0.95, -1.9];   u1 = [-0.095, 0.19]
        // w1 = [0.905, -1.81]
        // v2 = [0.7, 1.1];  g2 + 0.9 v2 = [0.25 + 0.63, 2 + 0.99] = [0.88, 2.99]
        // u2 = [-0.088, -0.299];  w2 = [0.905 - 0.088, -1.81 - 0.299] = [0.817, -2.109]
        double[][] r = twoSteps(new SgdConfig(0.1, 0.9, true));
        assertArrayEquals(new double[] {-0.095, 0.19}, r[0], TOLERANCE);
        assertArrayEquals(new double[] {-0.088, -0.299}, r[1], TOLERANCE);
        assertArrayEquals(new double[] {0.817, -2.109}, r[2], TOLERANCE);
    }
}
