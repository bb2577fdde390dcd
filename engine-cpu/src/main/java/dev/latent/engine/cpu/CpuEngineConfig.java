package dev.latent.engine.cpu;

import dev.latent.api.config.Checks;
import dev.latent.api.config.Setting;

/**
 * Settings of the CPU engine.
 *
 * @param threads  OpenMP and BLAS threads; one was steadier than two on our shared 2-core
 *                 machines (DESIGN.md), so it is the default
 * @param onednn   whether libnd4j may run its oneDNN kernels (convolutions, pooling, gemm); on
 *                 by default: on a quiet machine it trains the conv AE 2.6-3x and the dense AE
 *                 1.1-1.3x faster than libnd4j's own kernels. Off only helped on a heavily
 *                 loaded machine, where oneDNN's extra worker thread competes (docs/performance.md)
 */
public record CpuEngineConfig(
        @Setting(value = "OpenMP and BLAS threads", defaultValue = "1") int threads,
        @Setting(value = "let libnd4j use oneDNN's kernels (convolutions, pooling)", defaultValue = "true")
        boolean onednn) {

    public CpuEngineConfig {
        Checks.of().atLeast("threads", threads, 1).done();
    }

    /** The given threads, the default for the rest. */
    public CpuEngineConfig(int threads) {
        this(threads, true);
    }
}
