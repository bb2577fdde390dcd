package dev.latent.engine.cpu;

import dev.latent.api.engine.Availability;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.EngineConformanceSuite;

class CpuEngineConformanceTest extends EngineConformanceSuite {

    private final CpuEngineProvider provider = new CpuEngineProvider();

    @Override
    protected Availability availability() {
        return provider.availability();
    }

    @Override
    protected Engine createEngine() {
        return provider.create(new CpuEngineConfig(1));
    }
}
