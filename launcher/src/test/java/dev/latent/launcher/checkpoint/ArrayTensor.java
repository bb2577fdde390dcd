package dev.latent.launcher.checkpoint;

import dev.latent.api.engine.DType;
import dev.latent.api.engine.Tensor;
import java.util.Arrays;

/** A host-memory {@link Tensor} for tests of the file formats, which need no engine. */
public record ArrayTensor(DType dtype, int[] shape, double[] values) implements Tensor {

    public static ArrayTensor f32(int[] shape, double... values) {
        return new ArrayTensor(DType.FLOAT32, shape, values);
    }

    public static ArrayTensor f64(int[] shape, double... values) {
        return new ArrayTensor(DType.FLOAT64, shape, values);
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public long size() {
        return Arrays.stream(shape).asLongStream().reduce(1, (a, b) -> a * b);
    }

    @Override
    public double[] toDoubleArray() {
        return values.clone();
    }

    @Override
    public float[] toFloatArray() {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return f;
    }

    @Override
    public void close() {
    }
}
