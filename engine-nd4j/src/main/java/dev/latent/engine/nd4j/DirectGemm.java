package dev.latent.engine.nd4j;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A backend's own BLAS routine for the engine's small matrix products. ND4J's {@code Nd4j.gemm}
 * goes through its {@code matmul} custom op, which costs about 50-70 microseconds a call before
 * any arithmetic on this machine (docs/performance.md): more than the whole product for the
 * code-sized matrices of PSD's FISTA and the small layers of the autoencoders. A backend that
 * can call its BLAS directly (the CPU engine: OpenBLAS's {@code cblas_sgemm}) supplies one.
 */
public interface DirectGemm {

    /**
     * {@code out = alpha op(a) op(b) + beta out} for rank-2 arrays whose shapes have been checked
     * to agree; returns false, touching nothing, for a case this routine does not take (a view,
     * a layout or a data type it has no call for).
     */
    boolean gemm(INDArray a, boolean transposeA, INDArray b, boolean transposeB, double alpha, double beta,
                 INDArray out);

    /**
     * The column sums of a rank-2 array, {@code out = a^T ones}, as a matrix-vector product
     * that reads {@code a} once (a product {@code 1^T a} through gemm also copies {@code a} into
     * the BLAS's packed layout); {@code ones} holds at least {@code a.size(0)} ones and
     * {@code out} {@code a.size(1)} elements. Returns false, touching nothing, for a case this
     * routine does not take; by default, every case.
     */
    default boolean columnSums(INDArray a, INDArray ones, INDArray out) {
        return false;
    }
}
