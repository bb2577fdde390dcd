package dev.latent.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.latent.api.engine.Engine;
import dev.latent.api.model.Parameter;
import dev.latent.api.optim.LineSearchOptimizer;
import dev.latent.api.optim.Objective;
import dev.latent.api.optim.OptimizerState;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Pins L-BFGS's steps on f(x) = (x1^2 + 4 x2^2) / 2 from x0 = [1, 1] against hand computation,
 * and checks its contract: values restored, pairs kept or skipped, the reset to steepest descent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LbfgsTest {

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

    /** f(x) = 0.5 * sum a_i x_i^2 (minimum 0 at 0), counting evaluations. */
    private final class Parabola implements Objective {
        final Parameter x;
        final double[] a;
        final AtomicInteger evaluations = new AtomicInteger();

        Parabola(double[] a, double... x0) {
            this.a = a;
            this.x = TestKit.parameter(engine, "x", x0);
        }

        double valueAndGradient() {
            double[] x = this.x.value().toDoubleArray();
            double[] g = new double[x.length];
            double f = 0;
            for (int i = 0; i < x.length; i++) {
                g[i] = a[i] * x[i];
                f += 0.5 * a[i] * x[i] * x[i];
            }
            engine.assign(this.x.gradient(), g);
            return f;
        }

        @Override
        public double evaluate() {
            evaluations.incrementAndGet();
            return valueAndGradient();
        }

        /** One trainer step: gradient, update, apply; returns the update. */
        double[] step(LineSearchOptimizer lbfgs, OptimizerState state, long t) {
            double loss = valueAndGradient();
            lbfgs.update(List.of(x), state, t, loss, this);
            double[] update = x.gradient().toDoubleArray();
            TestKit.apply(engine, List.of(x));
            return update;
        }
    }

    private LineSearchOptimizer lbfgs(double learningRate, int history) {
        LbfgsConfig config = new LbfgsConfig(learningRate, history, 20, 1e-7);
        return (LineSearchOptimizer) TestKit.create(new LbfgsProvider(), config, engine);
    }

    private static double[] counters(OptimizerState state) {
        return state.tensors().get("counters").toDoubleArray();
    }

    @Test
    void twoStepsMatchTheHandComputation() {
        Parabola f = new Parabola(new double[] {1, 4}, 1, 1);
        LineSearchOptimizer lbfgs = lbfgs(1, 10);
        OptimizerState state = lbfgs.init(List.of(f.x));
        // Step 1: no pairs. g0 = [1, 4], |g0| = sqrt(17); d = -min(1, 1/sqrt(17)) g0 = -g0 / sqrt(17)
        //   t = 1: f(x0 + d) = 0.2886590802646924 <= 2.5 + 1e-4 * (g0'd = -sqrt(17)): accepted
        double[] u1 = f.step(lbfgs, state, 1);
        assertArrayEquals(new double[] {-1 / Math.sqrt(17), -4 / Math.sqrt(17)}, u1, TOLERANCE);
        assertEquals(1, f.evaluations.get());
        // Step 2: x1 = [1 - 1/sqrt(17), 1 - 4/sqrt(17)] = [0.757464374963667, 0.02985749985466812]
        //   g1 = [0.757464374963667, 0.1194299994186725]; s = u1; y = g1 - g0 = [s1, 4 s2]
        //   s'y = (1 + 64) / 17 = 65/17 > 1e-10: kept; rho = 17/65; gamma = s'y / y'y = 65/257
        //   a = rho s'g1 = -0.07835070208461893; q = g1 - a y; r = gamma q; b = rho y'r;
        //   r = r + (a - b) s;  d = -r = [-0.2143934381184111, -0.06379943340749661]
        //   g1'd = -0.17001495789544285; t = 1 accepted: f = 0.14976713092960126
        double[] u2 = f.step(lbfgs, state, 2);
        assertArrayEquals(new double[] {-0.2143934381184111, -0.06379943340749661}, u2, TOLERANCE);
        assertEquals(2, f.evaluations.get());
        assertArrayEquals(new double[] {2, 1}, counters(state), 0.0);
        assertEquals(17.0 / 65, state.tensors().get("rho").toDoubleArray()[0], TOLERANCE);
    }

    @Test
    void theLineSearchHalvesTheStepAndRestoresTheValues() {
        // lr = 8 along d = -g0 / sqrt(17) from [1, 1]:
        //   t = 8: x = [-0.940, -6.761], f = 91.9 (rejected); t = 4: x = [0.030, -2.881], f = 16.6 (rejected)
        //   t = 2: x = [0.515, -0.940], f = 1.90 <= 2.5 - 1e-4 * 2 * sqrt(17): accepted after 3 evaluations
        Parabola f = new Parabola(new double[] {1, 4}, 1, 1);
        LineSearchOptimizer lbfgs = lbfgs(8, 10);
        OptimizerState state = lbfgs.init(List.of(f.x));
        f.valueAndGradient();
        lbfgs.update(List.of(f.x), state, 1, 2.5, f);
        assertEquals(3, f.evaluations.get());
        assertArrayEquals(new double[] {1, 1}, f.x.value().toDoubleArray(), 0.0, "values restored exactly");
        assertArrayEquals(new double[] {-2 / Math.sqrt(17), -8 / Math.sqrt(17)}, f.x.gradient().toDoubleArray(), TOLERANCE);
    }

    @Test
    void aPairWithoutCurvatureIsSkipped() {
        // f = g'x with g = [1, -2] constant (call it linear): y = 0, so s'y = 0 <= 1e-10
        Parameter x = TestKit.parameter(engine, "x", 0, 0);
        Objective linear = () -> {
            engine.assign(x.gradient(), new double[] {1, -2});
            double[] v = x.value().toDoubleArray();
            return v[0] - 2 * v[1];
        };
        LineSearchOptimizer lbfgs = lbfgs(1, 10);
        OptimizerState state = lbfgs.init(List.of(x));
        for (int t = 1; t <= 3; t++) {
            double loss = linear.evaluate();
            lbfgs.update(List.of(x), state, t, loss, linear);
            // no pair, so every step is steepest descent scaled to length <= 1: -g / sqrt(5)
            assertArrayEquals(new double[] {-1 / Math.sqrt(5), 2 / Math.sqrt(5)}, x.gradient().toDoubleArray(), TOLERANCE);
            TestKit.apply(engine, List.of(x));
        }
        assertArrayEquals(new double[] {3, 0}, counters(state), 0.0);
    }

    @Test
    void aDirectionThatDoesNotDescendResetsToSteepestDescent() {
        // a corrupt pair (negative curvature, as a bad checkpoint could hold): s = [1, 0], y = [-1, 0],
        // rho = 1 / s'y = -1. Then gamma = s'y / y'y = -1 and the two-loop gives d = +g, uphill:
        // the pairs are dropped and d = -min(1, 1/|g|) g.
        Parabola f = new Parabola(new double[] {1, 1}, 0.5, 0);
        LineSearchOptimizer lbfgs = lbfgs(1, 10);
        OptimizerState state = lbfgs.init(List.of(f.x));
        engine.assign(state.tensor("s0", "x"), new double[] {1, 0});
        engine.assign(state.tensor("y0", "x"), new double[] {-1, 0});
        engine.assign(state.tensors().get("rho"), new double[] {-1, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        engine.assign(state.tensors().get("counters"), new double[] {0, 1});
        // g = [0.5, 0], |g| = 0.5: d = -g; t = 1 lands on the minimum
        assertArrayEquals(new double[] {-0.5, 0}, f.step(lbfgs, state, 1), TOLERANCE);
        assertArrayEquals(new double[] {1, 0}, counters(state), 0.0);
    }

    @Test
    void theRingBufferKeepsTheNewestPairs() {
        Parabola f = new Parabola(new double[] {1, 2, 4}, 1, -2, 3);
        LineSearchOptimizer lbfgs = lbfgs(1, 2);
        OptimizerState state = lbfgs.init(List.of(f.x));
        double[][] updates = new double[5][];
        for (int t = 1; t <= 5; t++) {
            updates[t - 1] = f.step(lbfgs, state, t);
        }
        // four pairs made (steps 1-2, ..., 4-5); with m = 2 pair 4 (s = update 4) sits in slot (4 - 1) % 2 = 1
        assertArrayEquals(new double[] {5, 4}, counters(state), 0.0);
        assertArrayEquals(updates[3], state.tensor("s1", "x").toDoubleArray(), 0.0);
        assertArrayEquals(updates[2], state.tensor("s0", "x").toDoubleArray(), 0.0);
        assertArrayEquals(updates[4], state.tensor("last_step", "x").toDoubleArray(), 0.0);
    }

    @Test
    void withoutAnObjectiveItRefusesToStep() {
        Parameter x = TestKit.parameter(engine, "x", 1);
        LineSearchOptimizer lbfgs = lbfgs(1, 10);
        OptimizerState state = lbfgs.init(List.of(x));
        assertThrows(UnsupportedOperationException.class, () -> lbfgs.update(List.of(x), state, 1));
    }
}
