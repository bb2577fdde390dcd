package dev.latent.api.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

/** Element-wise comparison of a tensor with expected values, at the precision of its dtype. */
public final class TensorAssertions {

    private TensorAssertions() {
    }

    /** The relative tolerance of a dtype: 1e-5 for float32, 1e-12 for float64. */
    public static double tol(DType d) {
        return d == DType.FLOAT32 ? 1e-5 : 1e-12;
    }

    /** Asserts every element of {@code actual} is within {@link #tol} of {@code expected} (relative above 1). */
    public static void near(DType d, double[] expected, Tensor actual) {
        double[] got = actual.toDoubleArray();
        assertEquals(expected.length, got.length, "length");
        for (int i = 0; i < expected.length; i++) {
            double scale = Math.max(1.0, Math.abs(expected[i]));
            assertEquals(expected[i], got[i], tol(d) * scale,
                    "element " + i + ": expected " + Arrays.toString(expected) + " got " + Arrays.toString(got));
        }
    }
}
