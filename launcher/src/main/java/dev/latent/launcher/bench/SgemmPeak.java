package dev.latent.launcher.bench;

import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import java.util.Arrays;

/**
 * The machine's matrix-product speed as the engine reaches it: the engine's float32 gemm of a
 * [128, 784] by [784, 512] product (the dense AE's first layer at batch 128), 2 m n k = 102.8
 * MFLOP a call, timed in rounds after a warm-up; the median round in GFLOP/s. The benchmark
 * states each model's achieved GFLOP/s as a fraction of this figure.
 */
public final class SgemmPeak {

    static final int M = 128;
    static final int K = 784;
    static final int N = 512;

    private SgemmPeak() {
    }

    /** The median GFLOP/s of {@code rounds} rounds of {@code calls} gemms each. */
    public static double measure(Engine engine, int rounds, int calls) {
        try (Tensor a = engine.zeros(DType.FLOAT32, M, K);
             Tensor b = engine.zeros(DType.FLOAT32, K, N);
             Tensor c = engine.zeros(DType.FLOAT32, M, N)) {
            engine.random(1).fillUniform(a, 0, 1);
            engine.random(2).fillUniform(b, -0.1, 0.1);
            for (int i = 0; i < calls; i++) {
                engine.gemm(a, false, b, false, 1, 0, c);
            }
            double[] rates = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                long start = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    engine.gemm(a, false, b, false, 1, 0, c);
                }
                rates[r] = 2.0 * M * K * N * calls / (System.nanoTime() - start);
            }
            return median(rates);
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
