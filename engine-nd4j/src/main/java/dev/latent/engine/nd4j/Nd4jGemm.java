package dev.latent.engine.nd4j;

import dev.latent.api.engine.Tensor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
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
    /** Rows of ones for {@link #columnSums}, by data type and length. */
    private final Map<List<Object>, INDArray> ones = new HashMap<>();

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
        run(x, transposeA, y, transposeB, alpha, beta, z, m * n * ka);
    }

    /**
     * The column sums of a matrix as X^T 1 (a matrix-vector product) or, where the backend's
     * direct routine has no such call, the product 1^T X, with a kept row of ones per length and
     * data type: 1^T X for [128, 1568] takes about a tenth of ND4J's reduction along dimension 0,
     * and X^T 1 about half of 1^T X (docs/performance.md). Without a direct routine, ND4J's sum.
     */
    void columnSums(INDArray matrix, INDArray out) {
        long rows = matrix.size(0);
        if (direct == null || rows * matrix.size(1) > DIRECT_LIMIT) {
            matrix.sum(out, 0);
            return;
        }
        INDArray ones = this.ones.computeIfAbsent(List.of(matrix.dataType().name(), rows), k -> {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                return Nd4j.ones(matrix.dataType(), 1, rows);
            }
        });
        if (!direct.columnSums(matrix, ones, out)) {
            run(ones, false, matrix, false, 1, 0, out.reshape(1, matrix.size(1)), rows * matrix.size(1));
        }
    }

    private void run(INDArray x, boolean transposeA, INDArray y, boolean transposeB, double alpha, double beta,
                     INDArray z, long multiplyAdds) {
        if (direct != null && multiplyAdds <= DIRECT_LIMIT && direct.gemm(x, transposeA, y, transposeB, alpha, beta, z)) {
            return;
        }
        Nd4j.gemm(x, y, z, transposeA, transposeB, alpha, beta);
    }
}
