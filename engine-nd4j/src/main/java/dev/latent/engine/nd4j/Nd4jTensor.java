package dev.latent.engine.nd4j;

import dev.latent.api.engine.DType;
import dev.latent.api.engine.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A {@link Tensor} backed by a contiguous, C-ordered {@link INDArray}. */
final class Nd4jTensor implements Tensor {

    private final INDArray array;
    private final DType dtype;
    private final Nd4jEngine owner;

    Nd4jTensor(INDArray array, DType dtype, Nd4jEngine owner) {
        this.array = array;
        this.dtype = dtype;
        this.owner = owner;
    }

    INDArray array() {
        return array;
    }

    Nd4jEngine owner() {
        return owner;
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public int[] shape() {
        long[] s = array.shape();
        int[] out = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = (int) s[i];
        }
        return out;
    }

    @Override
    public long size() {
        return array.length();
    }

    @Override
    public int rows() {
        return (int) array.size(0);
    }

    @Override
    public double[] toDoubleArray() {
        return array.data().asDouble();
    }

    @Override
    public float[] toFloatArray() {
        return array.data().asFloat();
    }

    @Override
    public void close() {
        owner.release(this);
    }

    /** Copies values (row-major, one per element) into a's buffer, rounding to a's dtype. */
    static void setData(INDArray a, double[] values) {
        if (a.dataType() == DataType.DOUBLE) {
            a.data().setData(values);
            return;
        }
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        a.data().setData(f);
    }

        static DataType toNd4j(DType dtype) {
        return dtype == DType.FLOAT64 ? DataType.DOUBLE : DataType.FLOAT;
    }

    @Override
    public String toString() {
        return "Tensor" + Tensor.describe(shape()) + " " + dtype;
    }
}
