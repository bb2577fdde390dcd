package dev.latent.engine.cpu;

import dev.latent.api.engine.ConvGeometry;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Scope;
import dev.latent.api.engine.Tensor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Times the convolutions of the reference conv AE (DESIGN.md) on the CPU engine, batch 128,
 * float32, each step inside a scope. Off by default; run with
 * {@code mvn -pl engine-cpu test -Dtest=ConvolutionBenchmarkTest -Dlatent.bench=true}
 * ({@code -Dlatent.bench.threads=N} sets the engine's threads, default 1; {@code latent.bench.warmup}
 * and {@code latent.bench.runs} the calls, default 20 and 100).
 */
class ConvolutionBenchmarkTest {

    private static final int WARMUP = Integer.getInteger("latent.bench.warmup", 20);
    private static final int RUNS = Integer.getInteger("latent.bench.runs", 100);

    @Test
    void referenceConvAeLayers() {
        Assumptions.assumeTrue(Boolean.getBoolean("latent.bench"), "set -Dlatent.bench=true to run");
        int threads = Integer.getInteger("latent.bench.threads", 1);
        try (Engine e = new CpuEngineProvider().create(new CpuEngineConfig(threads))) {
            if (Boolean.getBoolean("latent.bench.noHelpers")) {
                org.nd4j.linalg.factory.Nd4j.getEnvironment().allowHelpers(false);   // libnd4j's own kernels, no oneDNN
                System.out.println("oneDNN helpers off");
            }
            System.out.printf("conv benchmark, batch 128, float32, %d thread(s), ms per call (mean of %d)%n",
                    threads, RUNS);
            // encoder layer 1: Conv(1->8, 3x3, s2, p1), 28x28 -> 14x14
            conv(e, "conv 1->8 28x28 s2 p1 (first layer)", 1, 8, 28, ConvGeometry.of(3, 2, 1));
            conv(e, "conv 8->16 14x14 s2 p1", 8, 16, 14, ConvGeometry.of(3, 2, 1));
            // decoder: ConvTranspose(16->8, s2, p1, op1) 7x7 -> 14x14; (8->1, s2, p1, op1) 14x14 -> 28x28
            transposed(e, "convT 16->8 7x7 s2 p1 op1", 16, 8, 7, ConvGeometry.of(3, 2, 1).withOutputPadding(1));
            transposed(e, "convT 8->1 14x14 s2 p1 op1 (last layer)", 8, 1, 14,
                    ConvGeometry.of(3, 2, 1).withOutputPadding(1));
        }
    }

    private static void conv(Engine e, String name, int c, int o, int hw, ConvGeometry g) {
        int ho = g.outputHeight(hw);
        Tensor x = e.zeros(DType.FLOAT32, 128, c, hw, hw);
        Tensor w = e.zeros(DType.FLOAT32, o, c, 3, 3);
        Tensor b = e.zeros(DType.FLOAT32, o);
        Tensor out = e.zeros(DType.FLOAT32, 128, o, ho, ho);
        Tensor gx = e.zeros(DType.FLOAT32, x.shape());
        Tensor gw = e.zeros(DType.FLOAT32, w.shape());
        Tensor gb = e.zeros(DType.FLOAT32, o);
        e.random(1).fillUniform(x, 0, 1);
        e.random(2).fillUniform(w, -0.3, 0.3);
        e.random(3).fillUniform(out, -1, 1);
        Tensor gOut = e.zeros(DType.FLOAT32, out.shape());
        e.copy(out, gOut);
        report(name + " forward", time(e, () -> e.conv2d(x, w, b, g, out)));
        report(name + " backward, no gradInput", time(e, () -> e.conv2dBackward(x, w, gOut, g, null, gw, gb)));
        report(name + " backward, with gradInput", time(e, () -> e.conv2dBackward(x, w, gOut, g, gx, gw, gb)));
        report(name + " forward+backward (no gradInput)", time(e, () -> {
            e.conv2d(x, w, b, g, out);
            e.conv2dBackward(x, w, gOut, g, null, gw, gb);
        }));
    }

    private static void transposed(Engine e, String name, int c, int o, int hw, ConvGeometry g) {
        int ho = g.transposedOutputHeight(hw);
        Tensor x = e.zeros(DType.FLOAT32, 128, c, hw, hw);
        Tensor w = e.zeros(DType.FLOAT32, c, o, 3, 3);
        Tensor b = e.zeros(DType.FLOAT32, o);
        Tensor out = e.zeros(DType.FLOAT32, 128, o, ho, ho);
        Tensor gx = e.zeros(DType.FLOAT32, x.shape());
        Tensor gw = e.zeros(DType.FLOAT32, w.shape());
        Tensor gb = e.zeros(DType.FLOAT32, o);
        Tensor gOut = e.zeros(DType.FLOAT32, out.shape());
        e.random(1).fillUniform(x, 0, 1);
        e.random(2).fillUniform(w, -0.3, 0.3);
        e.random(3).fillUniform(gOut, -1, 1);
        report(name + " forward", time(e, () -> e.conv2dTranspose(x, w, b, g, out)));
        report(name + " backward", time(e, () -> e.conv2dTransposeBackward(x, w, gOut, g, gx, gw, gb)));
    }

    /**
     * With {@code -Dlatent.bench.compareHelpers=true}: each case timed with oneDNN's helpers on
     * and off in turn, {@value #PAIRS} times, medians printed (one process, so load drifts hit
     * both alike).
     */
    private static double time(Engine e, Runnable step) {
        if (!Boolean.getBoolean("latent.bench.compareHelpers")) {
            return timeOnce(e, step);
        }
        double[] on = new double[PAIRS];
        double[] off = new double[PAIRS];
        for (int i = 0; i < PAIRS; i++) {
            org.nd4j.linalg.factory.Nd4j.getEnvironment().allowHelpers(true);
            on[i] = timeOnce(e, step);
            org.nd4j.linalg.factory.Nd4j.getEnvironment().allowHelpers(false);
            off[i] = timeOnce(e, step);
        }
        org.nd4j.linalg.factory.Nd4j.getEnvironment().allowHelpers(true);
        java.util.Arrays.sort(on);
        java.util.Arrays.sort(off);
        System.out.printf("    oneDNN on %.3f ms, off %.3f ms (medians of %d)%n", on[PAIRS / 2], off[PAIRS / 2], PAIRS);
        return on[PAIRS / 2];
    }

    private static final int PAIRS = 5;

    private static double timeOnce(Engine e, Runnable step) {
        for (int i = 0; i < WARMUP; i++) {
            try (Scope ignored = e.scope()) {
                step.run();
            }
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < RUNS; i++) {
            try (Scope ignored = e.scope()) {
                step.run();
            }
        }
        return (System.nanoTime() - t0) / 1e6 / RUNS;
    }

    private static void report(String what, double ms) {
        System.out.printf("  %-58s %8.3f ms%n", what, ms);
    }
}
