package dev.latent.engine.nd4j;

import dev.latent.api.engine.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The engine's gemm: products of at most {@link #DIRECT_LIMIT} multiply-adds go to the backend's
 * {@link DirectGemm} when it has one and takes the case, larger ones to {@code Nd4j.gemm}
 * (oneDNN's matmul in the CPU build, which wins on large products: docs/performance.md).
 */
final class Nd4jGemm {

    /**
     * The multiply-adds (m n k) up to which the direct routine is used. Measured on the 2-core
     * machine, one thread, float32, microseconds per call (direct / {@code Nd4j.gemm} with
     * oneDNN): 128x81x64 16 / 65, 500x81x64 60 / 120, 128x512x128 (8.4 M) 186 / 182,
     * 10000x81x64 (52 M) 1127 / 382.
     */
    static final long DIRECT_LIMIT = 4_000_000;

    private final DirectGemm direct;

    /** @param direct the backend's routine for small products, or null to use ND4J's for all */
    Nd4jGemm(DirectGemm direct) {
        this.direct = direct;
    }

    void gemm(Tensor a, boolean transposeA, Tensor b, boolean transposeB, double alpha, double beta, Tensor out) {
        if (out == a || out == b) {
            throw new IllegalArgumentException("gemm output must not alias an input");
        }
        INDArray x = TensorChecks.matrix(a);
        INDArray y = TensorChecks.matrix(b);
        INDArray z = TensorChecks.matrix(out);
        long m = transposeA ? x.size(1) : x.size(0);
        long ka = transposeA ? x.size(0) : x.size(1);
        long kb = transposeB ? y.size(1) : y.size(0);
        long n = transposeB ? y.size(0) : y.size(1);
        if (ka != kb || z.size(0) != m || z.size(1) != n) {
            throw new IllegalArgumentException("gemm shapes do not agree: " + a + (transposeA ? "^T" : "")
                    + " x " + b + (transposeB ? "^T" : "") + " -> " + out);
        }
        if (direct != null && m * n * ka <= DIRECT_LIMIT && direct.gemm(x, transposeA, y, transposeB, alpha, beta, z)) {
            return;
        }
        Nd4j.gemm(x, y, z, transposeA, transposeB, alpha, beta);
    }
}
