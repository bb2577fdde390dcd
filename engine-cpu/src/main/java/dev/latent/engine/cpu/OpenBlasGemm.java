package dev.latent.engine.cpu;

import dev.latent.engine.nd4j.DenseArrays;
import dev.latent.engine.nd4j.DirectGemm;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Small matrix products straight to OpenBLAS's {@code cblas_sgemm}/{@code cblas_dgemm}: the
 * library and thread setting ND4J's native backend itself uses, without the ~50-70 microseconds
 * of ND4J's {@code matmul} op around each call. Takes row-major matrices with their own
 * buffers and default strides, of one data type, float32 or float64.
 */
final class OpenBlasGemm implements DirectGemm {

    @Override
    public boolean gemm(INDArray a, boolean transposeA, INDArray b, boolean transposeB, double alpha, double beta,
                        INDArray out) {
        DataType type = out.dataType();
        if (a.rank() != 2 || b.rank() != 2 || out.rank() != 2 || !DenseArrays.isDense(a) || !DenseArrays.isDense(b)
                || !DenseArrays.isDense(out) || a.dataType() != type || b.dataType() != type) {
            return false;
        }
        int m = (int) out.size(0);
        int n = (int) out.size(1);
        int k = (int) (transposeA ? a.size(0) : a.size(1));
        int lda = (int) a.size(1);
        int ldb = (int) b.size(1);
        int ta = transposeA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
        int tb = transposeB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
        if (type == DataType.FLOAT) {
            openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, ta, tb, m, n, k, (float) alpha,
                    (FloatPointer) a.data().addressPointer(), lda, (FloatPointer) b.data().addressPointer(), ldb,
                    (float) beta, (FloatPointer) out.data().addressPointer(), n);
            return true;
        }
        if (type == DataType.DOUBLE) {
            openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasRowMajor, ta, tb, m, n, k, alpha,
                    (DoublePointer) a.data().addressPointer(), lda, (DoublePointer) b.data().addressPointer(), ldb,
                    beta, (DoublePointer) out.data().addressPointer(), n);
            return true;
        }
        return false;
    }

    /** {@code cblas_sgemv}/{@code cblas_dgemv} with the matrix transposed: out = a^T ones. */
    @Override
    public boolean columnSums(INDArray a, INDArray ones, INDArray out) {
        DataType type = out.dataType();
        if (a.rank() != 2 || !DenseArrays.isDense(a) || !DenseArrays.isDense(ones) || !DenseArrays.isDense(out)
                || a.dataType() != type || ones.dataType() != type || ones.length() < a.size(0)
                || out.length() != a.size(1)) {
            return false;
        }
        int m = (int) a.size(0);
        int n = (int) a.size(1);
        if (type == DataType.FLOAT) {
            openblas_nolapack.cblas_sgemv(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasTrans, m, n, 1f,
                    (FloatPointer) a.data().addressPointer(), n, (FloatPointer) ones.data().addressPointer(), 1, 0f,
                    (FloatPointer) out.data().addressPointer(), 1);
            return true;
        }
        if (type == DataType.DOUBLE) {
            openblas_nolapack.cblas_dgemv(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasTrans, m, n, 1,
                    (DoublePointer) a.data().addressPointer(), n, (DoublePointer) ones.data().addressPointer(), 1, 0,
                    (DoublePointer) out.data().addressPointer(), 1);
            return true;
        }
        return false;
    }
}
