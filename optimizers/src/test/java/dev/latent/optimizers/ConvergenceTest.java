package dev.latent.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latent.api.engine.Engine;
import dev.latent.api.optim.LineSearchOptimizer;
import dev.latent.api.optim.Optimizer;
import dev.latent.api.optim.OptimizerProvider;
import dev.latent.api.optim.OptimizerState;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One table of every named optimizer, each built through its provider, minimising a parabola
 * and the Rosenbrock function, as optax's alias tests do. Learning rates and step counts were
 * tuned so that each case ends 4 times or more closer to the minimum than required. A
 * {@link LineSearchOptimizer} (L-BFGS) is driven as the trainer drives it, with the test
 * function as its objective. Each run's context has the run's own length, so that schedules
 * end with the run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConvergenceTest {

    /** A named optimizer with a config for each objective. */
    record Case(String label, OptimizerProvider<?> provider, Record quadraticConfig,
                Record rosenbrockConfig, int rosenbrockSteps) {
        @Override
        public String toString() {
            return label;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("sgd", new SgdProvider(), new SgdConfig(0.1, 0, false),
                        new SgdConfig(1e-3, 0, false), 10_000),
                new Case("sgd heavy ball", new SgdProvider(), new SgdConfig(0.05, 0.9, false),
                        new SgdConfig(5e-4, 0.9, false), 2_000),
                new Case("sgd nesterov", new SgdProvider(), new SgdConfig(0.05, 0.9, true),
                        new SgdConfig(5e-4, 0.9, true), 2_000),
                new Case("adagrad", new AdagradProvider(), new AdagradConfig(0.5, 1e-10, 0),
                        new AdagradConfig(1, 1e-10, 0), 10_000),
                new Case("rmsprop (cosine schedule on Rosenbrock)", new RmspropProvider(),
                        new RmspropConfig(0.03, 0.9, 1e-8, 0),
                        new RmspropConfig(0.01, 0.9, 1e-8, 0, 0, ScheduleConfig.cosine(0, 0), 0, 0), 5_000),
                new Case("adam", new AdamProvider(), new AdamConfig(0.1, 0.9, 0.999, 1e-8),
                        new AdamConfig(0.02, 0.9, 0.999, 1e-8), 3_000),
                // decoupled decay moves the minimiser of the trained objective by about wd |x|
                new Case("adamw", new AdamWProvider(), new AdamWConfig(0.1, 0.9, 0.999, 1e-8, 1e-4),
                        new AdamWConfig(0.02, 0.9, 0.999, 1e-8, 1e-4), 3_000),
                new Case("lbfgs", new LbfgsProvider(), new LbfgsConfig(1, 10, 20, 1e-7),
                        new LbfgsConfig(1, 10, 20, 1e-7), 100));
    }

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

    /** Trains as the trainer does, for a run of {@code steps} updates. */
    private void minimise(TestFunction f, Case c, Record config, int steps) {
        Optimizer optimizer = TestKit.create(c.provider(), config, engine, steps);
        OptimizerState state = optimizer.init(f.parameters());
        for (int t = 1; t <= steps; t++) {
            f.computeGradient();
            if (optimizer instanceof LineSearchOptimizer search) {
                search.update(f.parameters(), state, t, f.value(), f.asObjective());
            } else {
                optimizer.update(f.parameters(), state, t);
            }
            TestKit.apply(engine, f.parameters());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void minimisesAnIllConditionedParabola(Case c) {
        Quadratic f = new Quadratic(engine, new double[] {1, 2, 4}, new double[] {1, -2, 3});
        double before = f.value();
        minimise(f, c, c.quadraticConfig(), 500);
        assertTrue(f.distanceToMinimum() < 1e-3,
                c + " ended " + f.distanceToMinimum() + " from the minimum (f went from " + before + " to " + f.value() + ")");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void walksDownRosenbrocksValley(Case c) {
        Rosenbrock f = new Rosenbrock(engine);
        double before = f.value();
        minimise(f, c, c.rosenbrockConfig(), c.rosenbrockSteps());
        assertTrue(f.distanceToMinimum() < 0.1,
                c + " ended " + f.distanceToMinimum() + " from (1, 1) (f went from " + before + " to " + f.value() + ")");
        assertTrue(f.value() < 1e-2 * before, c + " reduced f only from " + before + " to " + f.value());
    }

    @Test
    void theTableCoversEveryDiscoveredOptimizer() {
        Set<String> discovered = new TreeSet<>();
        ServiceLoader.load(OptimizerProvider.class).forEach(p -> discovered.add(p.name()));
        Set<String> tabled = new TreeSet<>();
        cases().forEach(c -> tabled.add(c.provider().name()));
        assertEquals(discovered, tabled, "add a row to the table for each new optimizer");
    }
}
