package dev.latent.engine.gpu;

import dev.latent.api.config.Checks;
import dev.latent.api.config.Setting;

/**
 * Settings of the GPU engine.
 *
 * @param device   the CUDA device index. Only device 0 is supported for now: ND4J's CUDA backend
 *                 picks its device when it starts, and the one portable way to choose another,
 *                 {@code CUDA_VISIBLE_DEVICES}, cannot be set from Java. To run on another GPU,
 *                 start the JVM with {@code CUDA_VISIBLE_DEVICES=N} and keep {@code device: 0}.
 *                 Values other than 0 pass this record's checks but are rejected by
 *                 {@link GpuEngineProvider#create} with that advice.
 * @param threads  host threads for OpenMP (the CPU side of ND4J's CUDA backend); one by default,
 *                 as for the CPU engine
 */
public record GpuEngineConfig(
        @Setting(value = "CUDA device index", defaultValue = "0") int device,
        @Setting(value = "host threads for OpenMP", defaultValue = "1") int threads) {

    public GpuEngineConfig {
        Checks.of()
                .atLeast("device", device, 0)
                .atLeast("threads", threads, 1)
                .done();
    }
}
