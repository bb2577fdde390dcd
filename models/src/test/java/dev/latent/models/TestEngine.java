package dev.latent.models;

import dev.latent.api.engine.Engine;
import dev.latent.engine.cpu.CpuEngineConfig;
import dev.latent.engine.cpu.CpuEngineProvider;

/** The real CPU engine, shared by the tests of this module (ND4J is on the test class path). */
public final class TestEngine {

    private static Engine engine;

    private TestEngine() {
    }

    public static synchronized Engine cpu() {
        if (engine == null) {
            engine = new CpuEngineProvider().create(new CpuEngineConfig(1));
        }
        return engine;
    }
}
