package dev.latent.models;

import dev.latent.api.engine.Engine;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wraps an engine in a proxy that counts the calls making long-lived tensors ({@code zeros},
 * {@code fromArray}), so that tests can show a step allocates nothing once its buffers exist.
 */
public final class CountingEngine {

    private final AtomicInteger allocations = new AtomicInteger();
    private final Engine engine;

    public CountingEngine(Engine real) {
        this.engine = (Engine) Proxy.newProxyInstance(Engine.class.getClassLoader(), new Class<?>[] {Engine.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("zeros") || method.getName().equals("fromArray")) {
                        allocations.incrementAndGet();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** The counting engine to build the model or layers under test with. */
    public Engine engine() {
        return engine;
    }

    /** The tensors made so far. */
    public int allocations() {
        return allocations.get();
    }
}
