package dev.latent.launcher.bench;

import java.util.List;

/**
 * The fixed suite of {@code latent bench --suite}: the reference models of DESIGN.md, each a
 * shipped profile, with PyTorch 1.13's training throughput for the same architecture on the
 * same kind of machine (OpenBLAS, 2 threads, batch 128, float32; issue 9) as the yardstick.
 * To add a model, add an entry: a profile under {@code profiles/} and its PyTorch figure.
 */
public final class ReferenceSuite {

    /** One model of the suite: the shipped profile and PyTorch's samples/s for it, 0 when there is none. */
    public record Entry(String profile, double pytorchSamplesPerSecond) {
    }

    /**
     * Dense AE, conv AE, conv DAE, conv VAE and linear PSD with FISTA (64 filters on 9x9 patches,
     * batch 32, diagonal-Hessian SGD; the issue gives no PyTorch figure for it), in that order.
     */
    public static final List<Entry> MODELS = List.of(
            new Entry("bench-dense-ae.yaml", 4_400),
            new Entry("conv-ae.yaml", 3_400),
            new Entry("conv-dae.yaml", 3_600),
            new Entry("conv-vae.yaml", 3_500),
            new Entry("psd-patches.yaml", 0));

    private ReferenceSuite() {
    }
}
