package dev.latent.engine.gpu;

import dev.latent.api.engine.Availability;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.EngineConformanceSuite;

/** The engine conformance suite on the GPU; skipped, with the reason printed, where there is none. */
class GpuEngineConformanceTest extends EngineConformanceSuite {

    private final GpuEngineProvider provider = new GpuEngineProvider();

    @Override
    protected Availability availability() {
        return provider.availability();
    }

    @Override
    protected Engine createEngine() {
        return provider.create(new GpuEngineConfig(0, 1));
    }
}
