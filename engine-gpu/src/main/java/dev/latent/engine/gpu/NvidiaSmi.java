package dev.latent.engine.gpu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Asks the NVIDIA driver's {@code nvidia-smi} for each GPU's name and compute capability, without
 * loading CUDA into this process. It ships with the driver; where it is missing, fails or hangs
 * the answer is empty and the GPU engine finds out when it starts.
 */
final class NvidiaSmi {

    static final List<String> COMMAND = List.of("nvidia-smi", "--query-gpu=name,compute_cap", "--format=csv,noheader");

    private static final long TIMEOUT_SECONDS = 10;

    private NvidiaSmi() {
    }

    /** One line per GPU, such as {@code NVIDIA H100 80GB HBM3, 9.0}; empty when it cannot tell. */
    static List<String> gpus() {
        try {
            Process p = new ProcessBuilder(COMMAND).redirectErrorStream(true).start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return List.of();
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.exitValue() == 0 ? out.lines().filter(l -> !l.isBlank()).toList() : List.of();
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }
}
