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
 * Pins two steps of {@code adagrad}, {@code rmsprop} and {@code adamw} against values computed
 * by hand (to 16 digits). Every case starts at w0 = [1, -2] with lr = 0.1 and sees the
 * gradients g1 = [0.5, -1] then g2 = [0.25, 2], as {@link AdamTwoStepsTest} does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdaptiveTwoStepsTest {

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

    /** Runs two steps and returns {update 1, update 2, w2}, and the state in {@code stateOut[0]}. */
    private double[][] twoSteps(Optimizer optimizer, OptimizerState[] stateOut) {
        Parameter w = TestKit.parameter(engine, "w", 1, -2);
        OptimizerState state = optimizer.init(List.of(w));
        stateOut[0] = state;
        double[] u1 = TestKit.step(engine, optimizer, state, w, 1, 0.5, -1);
        double[] u2 = TestKit.step(engine, optimizer, state, w, 2, 0.25, 2);
        return new double[][] {u1, u2, w.value().toDoubleArray()};
    }

    @Test
    void adagradDividesByTheRootOfTheSummedSquares() {
        // eps = 1e-10, initial accumulator G0 = 0.1
        // G1 = 0.1 + g1^2 = [0.35, 1.1];        sqrt(G1) = [0.5916079783099616, 1.048808848170152]
        // u1 = -0.1 * g1 / (sqrt(G1) + eps) = [-0.08451542545856595, 0.09534625891546832]
        // G2 = G1 + g2^2 = [0.4125, 5.1];       sqrt(G2) = [0.6422616289332564, 2.258317958127243]
        // u2 = -0.1 * g2 / (sqrt(G2) + eps) = [-0.03892494720201554, -0.08856148855008797]
        // w2 = w0 + u1 + u2 = [0.8765596273394185, -1.99321522963462]
        OptimizerState[] state = new OptimizerState[1];
        double[][] r = twoSteps(TestKit.create(new AdagradProvider(), new AdagradConfig(0.1, 1e-10, 0.1), engine), state);
        assertArrayEquals(new double[] {-0.08451542545856595, 0.09534625891546832}, r[0], TOLERANCE);
        assertArrayEquals(new double[] {-0.03892494720201554, -0.08856148855008797}, r[1], TOLERANCE);
        assertArrayEquals(new double[] {0.8765596273394185, -1.99321522963462}, r[2], TOLERANCE);
        assertArrayEquals(new double[] {0.4125, 5.1},
                state[0].children().get(0).tensor("sum_of_squares", "w").toDoubleArray(), TOLERANCE);
    }

    @Test
    void rmspropDividesByTheRootOfTheRunningMeanSquare() {
        // rho = 0.9, eps = 1e-8, no bias correction
        // v1 = 0.1 * g1^2 = [0.025, 0.1];                 sqrt(v1) = [0.158113883008419, 0.3162277660168379]
        // u1 = -0.1 * g1 / (sqrt(v1) + eps) = [-0.3162277460168392, 0.3162277560168383]
        // v2 = 0.9 * v1 + 0.1 * g2^2 = [0.0225 + 0.00625, 0.09 + 0.4] = [0.02875, 0.49]
        // sqrt(v2) = [0.1695582495781317, 0.7]
        // u2 = -0.1 * g2 / (sqrt(v2) + eps) = [-0.1474419474592455, -0.2857142816326531]
        // w2 = [0.5363303065239153, -1.969486525615815]
        OptimizerState[] state = new OptimizerState[1];
        double[][] r = twoSteps(TestKit.create(new RmspropProvider(), new RmspropConfig(0.1, 0.9, 1e-8, 0), engine), state);
        assertArrayEquals(new double[] {-0.3162277460168392, 0.3162277560168383}, r[0], TOLERANCE);
        assertArrayEquals(new double[] {-0.1474419474592455, -0.2857142816326531}, r[1], TOLERANCE);
        assertArrayEquals(new double[] {0.5363303065239153, -1.969486525615815}, r[2], TOLERANCE);
        assertArrayEquals(new double[] {0.02875, 0.49},
                state[0].children().get(0).tensor("mean_square", "w").toDoubleArray(), TOLERANCE);
    }

    @Test
    void adamwAddsTheDecayAfterTheMoments() {
        // b1 = 0.9, b2 = 0.999, eps = 1e-8, wd = 0.1; Adam's rescaled step a_t is that of
        // AdamTwoStepsTest (before its -lr), and the decay uses the weights before the update:
        // a1 = [0.5 / (0.5 + 1e-8), -1 / (1 + 1e-8)] = [0.999999980000001, -0.9999999900000008]
        // u1 = -0.1 * (a1 + 0.1 * w0) = -0.1 * ([0.99999998, -0.99999999] + [0.1, -0.2])
        //    = [-0.1099999980000001, 0.1199999990000001];   w1 = [0.890000002, -1.880000001]
        // a2 = [0.932179615225377, 0.3661035247207486]
        // u2 = -0.1 * (a2 + 0.1 * w1) = -0.1 * ([0.9321796152, 0.3661035247] + [0.0890000002, -0.1880000001])
        //    = [-0.1021179615425377, -0.01781035246207486]
        // w2 = [0.7878820404574621, -1.897810353462075]
        OptimizerState[] state = new OptimizerState[1];
        double[][] r = twoSteps(TestKit.create(new AdamWProvider(), new AdamWConfig(0.1, 0.9, 0.999, 1e-8, 0.1), engine),
                state);
        assertArrayEquals(new double[] {-0.1099999980000001, 0.1199999990000001}, r[0], TOLERANCE);
        assertArrayEquals(new double[] {-0.1021179615425377, -0.01781035246207486}, r[1], TOLERANCE);
        assertArrayEquals(new double[] {0.7878820404574621, -1.897810353462075}, r[2], TOLERANCE);
    }
}
