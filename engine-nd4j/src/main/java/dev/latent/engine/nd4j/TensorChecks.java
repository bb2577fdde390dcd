package dev.latent.engine.nd4j;

import dev.latent.api.engine.Tensor;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Unwrapping of tensors to ND4J arrays and the shape and dtype checks every operation makes. */
final class TensorChecks {

    private TensorChecks() {
    }

    static INDArray array(Tensor t) {
        if (t instanceof Nd4jTensor n) {
            return n.array();
        }
        throw new IllegalArgumentException("tensor " + t + " was not made by an ND4J engine");
    }

    static INDArray matrix(Tensor t) {
        INDArray a = array(t);
        return a.rank() == 2 ? a : a.reshape(t.rows(), t.columns());
    }

    static INDArray vector(Tensor t) {
        INDArray a = array(t);
        return a.rank() == 1 ? a : a.reshape(a.length());
    }

    static INDArray arrayOrNull(Tensor t) {
        return t == null ? null : array(t);
    }

    static int[] rank4(String what, Tensor t) {
        int[] s = t.shape();
        if (s.length != 4) {
            throw new IllegalArgumentException(what + " " + t + " must have rank 4 [N, C, H, W]");
        }
        return s;
    }

    static void requireShape(String what, Tensor t, int... expected) {
        if (!Arrays.equals(t.shape(), expected)) {
            throw new IllegalArgumentException(what + " " + t + " must have shape " + Tensor.describe(expected));
        }
    }

    static void requireSameDtype(Tensor... ts) {
        for (Tensor t : ts) {
            if (t.dtype() != ts[0].dtype()) {
                throw new IllegalArgumentException("dtypes differ: " + ts[0] + " and " + t);
            }
        }
    }

    static void requireLength(Tensor t, long length) {
        if (t.size() != length) {
            throw new IllegalArgumentException("expected " + t.size() + " values for " + t + ", found " + length);
        }
    }

    static void requireSameShape(Tensor... ts) {
        Tensor first = ts[0];
        for (Tensor t : ts) {
            if (t.dtype() != first.dtype()) {
                throw new IllegalArgumentException("dtypes differ: " + first + " and " + t);
            }
            if (t.size() != first.size()) {
                throw new IllegalArgumentException("shapes differ: " + first + " and " + t);
            }
        }
    }
}
