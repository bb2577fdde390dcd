package dev.latent.engine.nd4j;

import dev.latent.api.engine.ConvGeometry;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Max pooling with indices and max unpooling for {@link Nd4jEngine}, computed on the host in
 * plain Java loops over copies of the data buffers (in double, which holds every float32 value
 * and index exactly), then written back. ND4J's {@code max_pool_with_argmax} was not trusted
 * (its index convention and tie-breaking are undocumented, and libnd4j has no unpooling op), so
 * the conformance suite's values are produced here directly. Shapes are checked by the caller
 * ({@link ConvolutionOps}); planes are the N C images of {@code [N, C, H, W]}, each row-major.
 *
 * <p>Cost, measured on the CPU engine (one thread, 2x2 windows with stride 2, input
 * [128, 8, 14, 14], after warm-up; the best of 20 rounds on a shared 2-core machine): maxPool2d
 * 1.9 ms per call in float32 (2.5 ms in float64), maxPool2dBackward 1.3 ms, maxUnpool2d 1.2 ms,
 * maxUnpool2dBackward 0.7 ms, where ND4J's avgpool2d op takes 0.1 ms on the same input. Most of
 * it is the copies between the native buffers and Java arrays (a GPU backend would make them
 * through host memory too); a native kernel is later work, if pooling shows in a profile.
 */
final class HostMaxPooling {

    private HostMaxPooling() {
    }

    /** out = the window maxima of input, indices = their positions within the plane. */
    static void pool(INDArray input, ConvGeometry g, INDArray out, INDArray indices) {
        int h = (int) input.size(2);
        int w = (int) input.size(3);
        int ho = (int) out.size(2);
        int wo = (int) out.size(3);
        int planes = (int) (input.size(0) * input.size(1));
        double[] x = input.data().asDouble();
        double[] max = new double[planes * ho * wo];
        double[] at = new double[max.length];
        for (int p = 0, k = 0; p < planes; p++) {
            int base = p * h * w;
            for (int i = 0; i < ho; i++) {
                int top = i * g.strideH() - g.padH();
                int y0 = Math.max(top, 0);
                int y1 = Math.min(top + g.kH(), h);
                for (int j = 0; j < wo; j++, k++) {
                    int left = j * g.strideW() - g.padW();
                    int x0 = Math.max(left, 0);
                    int x1 = Math.min(left + g.kW(), w);
                    // the window holds at least (y0, x0): the caller checked 2 padding <= kernel
                    int best = y0 * w + x0;
                    double value = x[base + best];
                    for (int y = y0; y < y1; y++) {
                        for (int c = x0; c < x1; c++) {
                            double v = x[base + y * w + c];
                            if (v > value) {                // strictly greater: ties keep the first
                                value = v;
                                best = y * w + c;
                            }
                        }
                    }
                    max[k] = value;
                    at[k] = best;
                }
            }
        }
        Nd4jTensor.setData(out, max);
        Nd4jTensor.setData(indices, at);
    }

    /**
     * full = zeros, then each value of pooled added at its index within its plane: the gradient
     * of max pooling, and max unpooling.
     */
    static void scatterAdd(INDArray pooled, INDArray indices, INDArray full) {
        int plane = (int) (full.size(2) * full.size(3));
        int m = (int) (pooled.size(2) * pooled.size(3));
        double[] v = pooled.data().asDouble();
        double[] at = indices.data().asDouble();
        double[] sum = new double[(int) full.length()];
        for (int p = 0, k = 0; p < v.length / m; p++) {
            for (int e = 0; e < m; e++, k++) {
                sum[p * plane + position(at[k], plane)] += v[k];
            }
        }
        Nd4jTensor.setData(full, sum);
    }

    /** pooled = full read at the indices: max pooling's values, and the gradient of unpooling. */
    static void gather(INDArray full, INDArray indices, INDArray pooled) {
        int plane = (int) (full.size(2) * full.size(3));
        int m = (int) (pooled.size(2) * pooled.size(3));
        double[] v = full.data().asDouble();
        double[] at = indices.data().asDouble();
        double[] out = new double[at.length];
        for (int k = 0; k < at.length; k++) {
            out[k] = v[(k / m) * plane + position(at[k], plane)];
        }
        Nd4jTensor.setData(pooled, out);
    }

    private static int position(double index, int plane) {
        int i = (int) index;
        if (i != index || i < 0 || i >= plane) {
            throw new IllegalArgumentException("max-pooling index " + index + " is not a position in a plane of "
                    + plane + " elements (indices must be those maxPool2d wrote for this size)");
        }
        return i;
    }
}
