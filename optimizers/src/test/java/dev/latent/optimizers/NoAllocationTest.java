package dev.latent.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.latent.api.engine.Engine;
import dev.latent.api.model.Parameter;
import dev.latent.api.optim.LineSearchOptimizer;
import dev.latent.api.optim.Optimizer;
import dev.latent.api.optim.OptimizerProvider;
import dev.latent.api.optim.OptimizerState;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the contract that {@code update} allocates nothing: every named optimizer, with each
 * optional link turned on somewhere in the table, runs on an engine that counts the calls that
 * create tensors, and only {@code init} may make them, exactly its state tensors. L-BFGS's line
 * search evaluates an objective on the real engine, which is the trainer's business; L-BFGS
 * itself works only in its state.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NoAllocationTest {

    private static final Set<String> CREATING = Set.of("zeros", "fromArray", "scope", "random");

    private static final ScheduleConfig COSINE = ScheduleConfig.cosine(1, 0);

    static Stream<Object[]> optimizers() {
        return Stream.of(
                new Object[] {new SgdProvider(), new SgdConfig(0.1, 0, false)},
                new Object[] {new SgdProvider(), new SgdConfig(0.1, 0.9, false)},
                new Object[] {new SgdProvider(), new SgdConfig(0.1, 0.9, true, 0.01, ScheduleConfig.step(2, 0.5), 1, 0.5)},
                new Object[] {new SgdProvider(), new SgdConfig(0.1, 0.9, false, 0, ScheduleConfig.inverseTime(0.1), 0, 0,
                    CurvatureConfig.every(100))},
                new Object[] {new AdagradProvider(), new AdagradConfig(0.1, 1e-10, 0.1)},
                new Object[] {new AdagradProvider(),
                    new AdagradConfig(0.1, 1e-10, 0, 0.01, ScheduleConfig.inverseTime(0.1), 0, 0)},
                new Object[] {new RmspropProvider(), new RmspropConfig(0.01, 0.9, 1e-8, 0.9, 0.01, COSINE, 1, 0)},
                new Object[] {new AdamProvider(), new AdamConfig(0.001, 0.9, 0.999, 1e-8)},
                new Object[] {new AdamProvider(),
                    new AdamConfig(0.001, 0.9, 0.999, 1e-8, 0.01, ScheduleConfig.exponential(2, 0.5), 1, 1)},
                new Object[] {new AdamWProvider(), new AdamWConfig(0.001, 0.9, 0.999, 1e-8, 0.01, COSINE, 1, 1)},
                new Object[] {new LbfgsProvider(), new LbfgsConfig(1, 2, 20, 1e-7)});
    }

    private Engine engine;
    private final AtomicInteger creations = new AtomicInteger();

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

    /** The real engine behind a proxy that counts tensor-creating calls. */
    private Engine counting() {
        return (Engine) Proxy.newProxyInstance(Engine.class.getClassLoader(), new Class<?>[] {Engine.class},
                (proxy, method, args) -> {
                    if (CREATING.contains(method.getName())) {
                        creations.incrementAndGet();
                    }
                    try {
                        return method.invoke(engine, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("optimizers")
    void updateCreatesNoTensor(OptimizerProvider<?> provider, Record config) {
        assertUpdatesCreateNothing(TestKit.create(provider, config, counting(), 4));
    }

    @Test
    void parameterRatesCreateNoTensorInUpdate() {
        Engine counting = counting();
        assertUpdatesCreateNothing(ScaleByParameterRates.fromCurvature(counting, 0.1, 10));
        assertUpdatesCreateNothing(ScaleByParameterRates.given(counting,
                Map.of("w", engine.fromArray(new double[] {1, 2, 3}, TestKit.DTYPE, 3),
                        "b", engine.fromArray(new double[] {0.5}, TestKit.DTYPE, 1))));
    }

    /** Runs four updates (L-BFGS on f = |x|^2 / 2, so that it has pairs to store). */
    private void assertUpdatesCreateNothing(Optimizer optimizer) {
        List<Parameter> parameters = List.of(TestKit.parameter(engine, "w", 1, -2, 3), TestKit.parameter(engine, "b", 0.5));
        creations.set(0);
        OptimizerState state = optimizer.init(parameters);
        int atInit = creations.get();
        for (int t = 1; t <= 4; t++) {
            for (Parameter p : parameters) {
                engine.copy(p.value(), p.gradient());        // the gradient of |x|^2 / 2
            }
            if (optimizer instanceof LineSearchOptimizer search) {
                search.update(parameters, state, t, halfSquaredNorm(parameters), () -> {
                    parameters.forEach(p -> engine.copy(p.value(), p.gradient()));
                    return halfSquaredNorm(parameters);
                });
            } else {
                optimizer.update(parameters, state, t);
            }
            TestKit.apply(engine, parameters);
        }
        assertEquals(atInit, creations.get(), "tensors created by update");
        assertEquals(atInit, state.flatten().size(), "init creates exactly its state tensors");
    }

    private double halfSquaredNorm(List<Parameter> parameters) {
        return parameters.stream().mapToDouble(p -> 0.5 * engine.dot(p.value(), p.value())).sum();
    }

    @Test
    void theTableCoversEveryDiscoveredOptimizer() {
        Set<String> discovered = new TreeSet<>();
        ServiceLoader.load(OptimizerProvider.class).forEach(p -> discovered.add(p.name()));
        Set<String> tabled = new TreeSet<>();
        optimizers().forEach(row -> tabled.add(((OptimizerProvider<?>) row[0]).name()));
        assertEquals(discovered, tabled, "add a row to the table for each new optimizer");
    }
}
