package dev.latent.engine.cpu;

import dev.latent.api.config.Checks;
import dev.latent.api.config.Setting;

/**
 * Settings of the CPU engine.
 *
 * @param threads  OpenMP and BLAS threads; one was steadier than two on our shared 2-core
 *                 machines (DESIGN.md), so it is the default
 */
public record CpuEngineConfig(
        @Setting(value = "OpenMP and BLAS threads", defaultValue = "1") int threads) {

    public CpuEngineConfig {
        Checks.of().atLeast("threads", threads, 1).done();
    }
}
