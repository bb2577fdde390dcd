package dev.latent.launcher.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.latent.api.engine.ConvGeometry;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The FLOPs {@link FlopCounter} counts, against 2 m n k and the convolutions' multiply-adds by hand. */
class FlopCounterTest {

    /** A tensor of a shape only; its values are never read. */
    private record Shape(int... shape) implements Tensor {
        @Override
        public DType dtype() {
            return DType.FLOAT32;
        }

        @Override
        public long size() {
            long n = 1;
            for (int d : shape) {
                n *= d;
            }
            return n;
        }

        @Override
        public double[] toDoubleArray() {
            throw new UnsupportedOperationException();
        }

        @Override
        public float[] toFloatArray() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }

    private final List<String> passedOn = new ArrayList<>();
    private final FlopCounter counter = new FlopCounter((Engine) Proxy.newProxyInstance(Engine.class.getClassLoader(),
            new Class<?>[] {Engine.class}, (proxy, method, args) -> {
                passedOn.add(method.getName());
                return null;
            }));

    @Test
    void gemmCountsTwoMnkWithEitherTransposition() {
        Engine e = counter.engine();
        e.gemm(new Shape(128, 784), false, new Shape(784, 512), false, 1, 0, new Shape(128, 512));
        assertEquals(2L * 128 * 784 * 512, counter.flops());
        counter.reset();
        // the weight gradient x^T g: [784, 128] by [128, 512], k = 128
        e.gemm(new Shape(128, 784), true, new Shape(128, 512), false, 1, 0, new Shape(784, 512));
        assertEquals(2L * 784 * 128 * 512, counter.flops());
        assertEquals(List.of("gemm", "gemm"), passedOn);
    }

    @Test
    void convolutionsCountEachPartOfTheirBackward() {
        Engine e = counter.engine();
        ConvGeometry g = ConvGeometry.of(3, 2, 1);
        Shape x = new Shape(128, 8, 14, 14);
        Shape w = new Shape(16, 8, 3, 3);
        Shape y = new Shape(128, 16, 7, 7);
        long macs = 128L * 16 * 7 * 7 * 8 * 3 * 3;
        e.conv2d(x, w, null, g, y);
        assertEquals(2 * macs, counter.flops());
        counter.reset();
        e.conv2dBackward(x, w, y, g, null, w, null);
        assertEquals(2 * macs, counter.flops(), "weight gradient only");
        counter.reset();
        e.conv2dBackward(x, w, y, g, x, w, null);
        assertEquals(4 * macs, counter.flops(), "weight and input gradients");
        counter.reset();
        // transposed: each of the 128x16x7x7 inputs stamps an 8x3x3 kernel
        Shape wt = new Shape(16, 8, 3, 3);
        e.conv2dTranspose(y, wt, null, g.withOutputPadding(1), x);
        assertEquals(2 * macs, counter.flops());
        counter.reset();
        e.conv2dTransposeBackward(y, wt, x, g.withOutputPadding(1), y, wt, null);
        assertEquals(4 * macs, counter.flops());
    }

    @Test
    void elementWiseOpsCountNothingButAreTimed() {
        Engine e = counter.engine();
        Shape a = new Shape(128, 512);
        e.add(a, a, a);
        e.add(a, a, a);
        e.activate(null, a, a);
        assertEquals(0, counter.flops());
        assertArrayEquals(new long[] {2, 1}, new long[] {counter.calls().get("add")[0], counter.calls().get("activate")[0]});
    }
}
