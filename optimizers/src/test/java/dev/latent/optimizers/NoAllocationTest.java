package dev.latent.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latent.api.engine.Engine;
import dev.latent.api.model.Parameter;
import dev.latent.api.optim.Optimizer;
import dev.latent.api.optim.OptimizerProvider;
import dev.latent.api.optim.OptimizerState;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the contract that {@code update} allocates nothing: every named optimizer runs on an
 * engine that counts the calls that create tensors, and only {@code init} may make them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NoAllocationTest {

    private static final Set<String> CREATING = Set.of("zeros", "fromArray", "scope", "random");

    static Stream<Object[]> optimizers() {
        return Stream.of(
                new Object[] {new SgdProvider(), new SgdConfig(0.1, 0, false)},
                new Object[] {new SgdProvider(), new SgdConfig(0.1, 0.9, false)},
                new Object[] {new SgdProvider(), new SgdConfig(0.1, 0.9, true)},
                new Object[] {new AdamProvider(), new AdamConfig(0.001, 0.9, 0.999, 1e-8)});
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
        Optimizer optimizer = TestKit.create(provider, config, counting());
        List<Parameter> parameters = List.of(TestKit.parameter(engine, "w", 1, -2, 3), TestKit.parameter(engine, "b", 0.5));
        creations.set(0);
        OptimizerState state = optimizer.init(parameters);
        int atInit = creations.get();
        for (int t = 1; t <= 3; t++) {
            for (Parameter p : parameters) {
                engine.fill(p.gradient(), 0.1 * t);
            }
            optimizer.update(parameters, state, t);
        }
        assertEquals(atInit, creations.get(), "tensors created by update");
        assertTrue(atInit == state.flatten().size(), "init creates exactly its state tensors");
    }
}
