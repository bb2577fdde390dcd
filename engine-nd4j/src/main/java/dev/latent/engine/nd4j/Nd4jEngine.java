package dev.latent.engine.nd4j;

import dev.latent.api.engine.Activation;
import dev.latent.api.engine.ConvGeometry;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.RandomStream;
import dev.latent.api.engine.Scope;
import dev.latent.api.engine.Tensor;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMax;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMin;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.api.ops.impl.transforms.same.Square;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The {@link Engine} on ND4J, shared by the CPU and GPU engines: which backend runs it is
 * decided by the class loader the engine was loaded in. Every operation writes into the
 * caller's tensors; none allocates except the temporaries documented on
 * {@link Nd4jActivations}, which come from the open {@link Scope}'s workspace.
 */
public final class Nd4jEngine implements Engine {

    private final String name;
    private final Map<String, String> properties;
    private final Set<Nd4jTensor> owned = Collections.newSetFromMap(new IdentityHashMap<>());

    /**
     * @param name       the provider's name
     * @param properties what reports record about the backend
     */
    public Nd4jEngine(String name, Map<String, String> properties) {
        this.name = name;
        this.properties = Map.copyOf(properties);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Map<String, String> properties() {
        return properties;
    }

    // ---- creation and transfer

    @Override
    public Tensor zeros(DType dtype, int... shape) {
        for (int d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException("shape " + Tensor.describe(shape) + " has a dimension <= 0");
            }
        }
        long[] s = Arrays.stream(shape).asLongStream().toArray();
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            Nd4jTensor t = new Nd4jTensor(Nd4j.zeros(Nd4jTensor.toNd4j(dtype), s), dtype, this);
            owned.add(t);
            return t;
        }
    }

    @Override
    public Tensor fromArray(double[] values, DType dtype, int... shape) {
        Tensor t = zeros(dtype, shape);
        assign(t, values);
        return t;
    }

    @Override
    public void assign(Tensor dst, float[] values) {
        requireLength(dst, values.length);
        INDArray a = array(dst);
        if (dst.dtype() == DType.FLOAT32) {
            a.data().setData(values);
        } else {
            double[] d = new double[values.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = values[i];
            }
            a.data().setData(d);
        }
    }

    @Override
    public void assign(Tensor dst, double[] values) {
        requireLength(dst, values.length);
        INDArray a = array(dst);
        if (dst.dtype() == DType.FLOAT64) {
            a.data().setData(values);
        } else {
            float[] f = new float[values.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) values[i];
            }
            a.data().setData(f);
        }
    }

    @Override
    public void copy(Tensor src, Tensor dst) {
        requireLength(dst, src.size());
        if (src != dst) {
            INDArray d = array(dst);
            d.assign(array(src).reshape(d.shape()));
        }
    }

    @Override
    public void fill(Tensor dst, double value) {
        array(dst).assign(value);
    }

    @Override
    public RandomStream random(long seed) {
        return new Nd4jRandomStream(seed);
    }

    @Override
    public Scope scope() {
        return new Nd4jScope(this);
    }

    // ---- linear algebra

    @Override
    public void gemm(Tensor a, boolean transposeA, Tensor b, boolean transposeB, double alpha, double beta, Tensor out) {
        if (out == a || out == b) {
            throw new IllegalArgumentException("gemm output must not alias an input");
        }
        INDArray x = matrix(a);
        INDArray y = matrix(b);
        INDArray z = matrix(out);
        long m = transposeA ? x.size(1) : x.size(0);
        long ka = transposeA ? x.size(0) : x.size(1);
        long kb = transposeB ? y.size(1) : y.size(0);
        long n = transposeB ? y.size(0) : y.size(1);
        if (ka != kb || z.size(0) != m || z.size(1) != n) {
            throw new IllegalArgumentException("gemm shapes do not agree: " + a + (transposeA ? "^T" : "")
                    + " x " + b + (transposeB ? "^T" : "") + " -> " + out);
        }
        Nd4j.gemm(x, y, z, transposeA, transposeB, alpha, beta);
    }

    @Override
    public void addRowVector(Tensor matrix, Tensor row, Tensor out) {
        requireSameShape(matrix, out);
        if (row.size() != matrix.columns()) {
            throw new IllegalArgumentException("row " + row + " does not match the columns of " + matrix);
        }
        INDArray m = matrix(matrix);
        Nd4j.getExecutioner().exec(new BroadcastAddOp(m, vector(row), matrix(out), 1));
    }

    @Override
    public void columnSums(Tensor matrix, Tensor out) {
        if (out.size() != matrix.columns()) {
            throw new IllegalArgumentException("output " + out + " does not match the columns of " + matrix);
        }
        matrix(matrix).sum(vector(out), 0);
    }

    @Override
    public void mulRowVector(Tensor matrix, Tensor row, Tensor out) {
        requireSameShape(matrix, out);
        requireSameDtype(matrix, row);
        if (row.size() != matrix.columns()) {
            throw new IllegalArgumentException("row " + row + " does not match the columns of " + matrix);
        }
        Nd4j.getExecutioner().exec(new BroadcastMulOp(matrix(matrix), vector(row), matrix(out), 1));
    }

    // ---- convolution and pooling

    @Override
    public void conv2d(Tensor input, Tensor weight, Tensor bias, ConvGeometry g, Tensor out) {
        int[] x = rank4("conv2d input", input);
        int[] w = rank4("conv2d weight", weight);
        if (w[1] != x[1] || w[2] != g.kH() || w[3] != g.kW()) {
            throw new IllegalArgumentException("conv2d weight " + weight + " does not fit input " + input
                    + " and " + g + " (expected [O, " + x[1] + ", " + g.kH() + ", " + g.kW() + "])");
        }
        requireBias("conv2d", bias, w[0]);
        requireOutput("conv2d", out, x[0], w[0], g.outputHeight(x[2]), g.outputWidth(x[3]), input, g);
        requireSameDtype(input, weight, out);
        Nd4jConvolutions.conv2d(array(input), array(weight), arrayOrNull(bias), g, array(out));
    }

    @Override
    public void conv2dBackward(Tensor input, Tensor weight, Tensor gradOut, ConvGeometry g,
                               Tensor gradInput, Tensor gradWeight, Tensor gradBias) {
        int[] x = rank4("conv2d input", input);
        int[] w = rank4("conv2d weight", weight);
        if (w[1] != x[1] || w[2] != g.kH() || w[3] != g.kW()) {
            throw new IllegalArgumentException("conv2d weight " + weight + " does not fit input " + input
                    + " and " + g + " (expected [O, " + x[1] + ", " + g.kH() + ", " + g.kW() + "])");
        }
        requireOutput("conv2d gradOut", gradOut, x[0], w[0], g.outputHeight(x[2]), g.outputWidth(x[3]), input, g);
        requireShape("conv2d gradWeight", gradWeight, weight.shape());
        if (gradInput != null) {
            requireShape("conv2d gradInput", gradInput, x);
        }
        requireBias("conv2d gradBias", gradBias, w[0]);
        requireSameDtype(input, weight, gradOut, gradWeight);
        Nd4jConvolutions.conv2dBackward(array(input), array(weight), array(gradOut), g,
                arrayOrNull(gradInput), array(gradWeight), arrayOrNull(gradBias));
    }

    @Override
    public void conv2dTranspose(Tensor input, Tensor weight, Tensor bias, ConvGeometry g, Tensor out) {
        int[] x = rank4("conv2dTranspose input", input);
        int[] w = rank4("conv2dTranspose weight", weight);
        requireTransposedWeight(input, weight, x, w, g);
        requireBias("conv2dTranspose", bias, w[1]);
        requireOutput("conv2dTranspose", out, x[0], w[1], g.transposedOutputHeight(x[2]),
                g.transposedOutputWidth(x[3]), input, g);
        requireSameDtype(input, weight, out);
        Nd4jConvolutions.conv2dTranspose(array(input), array(weight), arrayOrNull(bias), g, array(out));
    }

    @Override
    public void conv2dTransposeBackward(Tensor input, Tensor weight, Tensor gradOut, ConvGeometry g,
                                        Tensor gradInput, Tensor gradWeight, Tensor gradBias) {
        int[] x = rank4("conv2dTranspose input", input);
        int[] w = rank4("conv2dTranspose weight", weight);
        requireTransposedWeight(input, weight, x, w, g);
        requireOutput("conv2dTranspose gradOut", gradOut, x[0], w[1], g.transposedOutputHeight(x[2]),
                g.transposedOutputWidth(x[3]), input, g);
        requireShape("conv2dTranspose gradWeight", gradWeight, weight.shape());
        if (gradInput != null) {
            requireShape("conv2dTranspose gradInput", gradInput, x);
        }
        requireBias("conv2dTranspose gradBias", gradBias, w[1]);
        requireSameDtype(input, weight, gradOut, gradWeight);
        Nd4jConvolutions.conv2dTransposeBackward(array(input), array(weight), array(gradOut), g,
                arrayOrNull(gradInput), array(gradWeight), arrayOrNull(gradBias));
    }

    @Override
    public void avgPool2d(Tensor input, ConvGeometry g, Tensor out) {
        int[] x = rank4("avgPool2d input", input);
        requireOutput("avgPool2d", out, x[0], x[1], g.outputHeight(x[2]), g.outputWidth(x[3]), input, g);
        requireSameDtype(input, out);
        Nd4jConvolutions.avgPool2d(array(input), g, array(out));
    }

    @Override
    public void avgPool2dBackward(Tensor gradOut, ConvGeometry g, Tensor gradInput) {
        int[] x = rank4("avgPool2d gradInput", gradInput);
        requireOutput("avgPool2d gradOut", gradOut, x[0], x[1], g.outputHeight(x[2]), g.outputWidth(x[3]),
                gradInput, g);
        requireSameDtype(gradOut, gradInput);
        Nd4jConvolutions.avgPool2dBackward(array(gradOut), g, array(gradInput));
    }

    @Override
    public void avgUnpool2d(Tensor input, ConvGeometry g, Tensor out) {
        int[] x = rank4("avgUnpool2d input", input);
        requireOutput("avgUnpool2d", out, x[0], x[1], g.transposedOutputHeight(x[2]),
                g.transposedOutputWidth(x[3]), input, g);
        requireSameDtype(input, out);
        INDArray o = array(out);
        Nd4jConvolutions.avgPool2dBackward(array(input), g, o);
        o.muli(g.kH() * g.kW());
    }

    @Override
    public void avgUnpool2dBackward(Tensor gradOut, ConvGeometry g, Tensor gradInput) {
        int[] x = rank4("avgUnpool2d gradInput", gradInput);
        requireOutput("avgUnpool2d gradOut", gradOut, x[0], x[1], g.transposedOutputHeight(x[2]),
                g.transposedOutputWidth(x[3]), gradInput, g);
        requireSameDtype(gradOut, gradInput);
        INDArray gi = array(gradInput);
        Nd4jConvolutions.avgPool2d(array(gradOut), g, gi);
        gi.muli(g.kH() * g.kW());
    }

    // ---- element-wise

    @Override
    public void add(Tensor a, Tensor b, Tensor out) {
        requireSameShape(a, b, out);
        array(a).add(array(b), array(out));
    }

    @Override
    public void sub(Tensor a, Tensor b, Tensor out) {
        requireSameShape(a, b, out);
        array(a).sub(array(b), array(out));
    }

    @Override
    public void mul(Tensor a, Tensor b, Tensor out) {
        requireSameShape(a, b, out);
        array(a).mul(array(b), array(out));
    }

    @Override
    public void div(Tensor a, Tensor b, Tensor out) {
        requireSameShape(a, b, out);
        array(a).div(array(b), array(out));
    }

    @Override
    public void axpy(double alpha, Tensor x, Tensor y) {
        requireSameShape(x, y);
        Nd4j.getBlasWrapper().level1().axpy(x.size(), alpha, array(x), array(y));
    }

    @Override
    public void scale(Tensor a, double s, Tensor out) {
        requireSameShape(a, out);
        array(a).mul(s, array(out));
    }

    @Override
    public void addScalar(Tensor a, double s, Tensor out) {
        requireSameShape(a, out);
        array(a).add(s, array(out));
    }

    @Override
    public void square(Tensor a, Tensor out) {
        requireSameShape(a, out);
        Nd4j.getExecutioner().exec(new Square(array(a), array(out)));
    }

    @Override
    public void sqrt(Tensor a, Tensor out) {
        requireSameShape(a, out);
        Nd4j.getExecutioner().exec(new Sqrt(array(a), array(out)));
    }

    @Override
    public void exp(Tensor a, Tensor out) {
        requireSameShape(a, out);
        Nd4j.getExecutioner().exec(new Exp(array(a), array(out)));
    }

    @Override
    public void log(Tensor a, Tensor out) {
        requireSameShape(a, out);
        Nd4j.getExecutioner().exec(new Log(array(a), array(out)));
    }

    @Override
    public void clip(Tensor a, double low, double high, Tensor out) {
        requireSameShape(a, out);
        if (!(low <= high)) {
            throw new IllegalArgumentException("clip range [" + low + ", " + high + "] is empty");
        }
        Nd4j.getExecutioner().exec(new ScalarMax(array(a), null, array(out), low));
        Nd4j.getExecutioner().exec(new ScalarMin(array(out), null, array(out), high));
    }

    // ---- activations

    @Override
    public void activate(Activation f, Tensor x, Tensor out) {
        requireSameShape(x, out);
        Nd4jActivations.forward(f, array(x), array(out));
    }

    @Override
    public void activationBackward(Activation f, Tensor x, Tensor y, Tensor gradOut, Tensor gradIn) {
        requireSameShape(x, y, gradOut);
        requireSameShape(gradOut, gradIn);
        Nd4jActivations.backward(f, array(x), array(y), array(gradOut), array(gradIn), false);
    }

    @Override
    public void activationCurvature(Activation f, Tensor x, Tensor y, Tensor hOut, Tensor hIn) {
        requireSameShape(x, y, hOut);
        requireSameShape(hOut, hIn);
        Nd4jActivations.backward(f, array(x), array(y), array(hOut), array(hIn), true);
    }

    // ---- fused optimizer steps

    @Override
    public void adamMoments(Tensor gradient, Tensor m, Tensor v, double beta1, double beta2, double epsilon, long step) {
        requireSameShape(gradient, m, v);
        if (step < 1) {
            throw new IllegalArgumentException("Adam's step count is 1-based, found " + step);
        }
        if (gradient == m || gradient == v || m == v) {
            throw new IllegalArgumentException("adamMoments needs three distinct tensors");
        }
        // libnd4j's adam_updater computes g = m * alpha / (sqrt(v) + eps') with
        // alpha = lr sqrt(1 - b2^t) / (1 - b1^t): the paper's "efficient" form, in which eps'
        // stands for eps * sqrt(1 - b2^t). Passing that eps' (and lr = 1) gives exactly
        // mhat / (sqrt(vhat) + eps), the form of Algorithm 1, optax and PyTorch.
        double epsilonHat = epsilon * Math.sqrt(1 - Math.pow(beta2, step));
        Nd4j.getExecutioner().exec(new AdamUpdater(array(gradient), array(v), array(m),
                1.0, beta1, beta2, epsilonHat, Math.toIntExact(step - 1)));
    }

    // ---- reductions

    @Override
    public double sum(Tensor a) {
        return array(a).sumNumber().doubleValue();
    }

    @Override
    public double dot(Tensor a, Tensor b) {
        requireSameShape(a, b);
        return Nd4j.getBlasWrapper().level1().dot(a.size(), 1.0, array(a), array(b));
    }

    @Override
    public double squaredDistance(Tensor a, Tensor b) {
        requireSameShape(a, b);
        return array(a).squaredDistance(array(b));
    }

    @Override
    public void close() {
        List<Nd4jTensor> all = List.copyOf(owned);
        owned.clear();
        for (Nd4jTensor t : all) {
            t.array().close();
        }
    }

    // ---- helpers

    void release(Nd4jTensor t) {
        if (owned.remove(t)) {
            t.array().close();
        }
    }

    static INDArray array(Tensor t) {
        if (t instanceof Nd4jTensor n) {
            return n.array();
        }
        throw new IllegalArgumentException("tensor " + t + " was not made by an ND4J engine");
    }

    private static INDArray matrix(Tensor t) {
        INDArray a = array(t);
        return a.rank() == 2 ? a : a.reshape(t.rows(), t.columns());
    }

    private static INDArray vector(Tensor t) {
        INDArray a = array(t);
        return a.rank() == 1 ? a : a.reshape(a.length());
    }

    private static INDArray arrayOrNull(Tensor t) {
        return t == null ? null : array(t);
    }

    private static int[] rank4(String what, Tensor t) {
        int[] s = t.shape();
        if (s.length != 4) {
            throw new IllegalArgumentException(what + " " + t + " must have rank 4 [N, C, H, W]");
        }
        return s;
    }

    private static void requireShape(String what, Tensor t, int... expected) {
        if (!Arrays.equals(t.shape(), expected)) {
            throw new IllegalArgumentException(what + " " + t + " must have shape " + Tensor.describe(expected));
        }
    }

    private static void requireBias(String what, Tensor bias, int channels) {
        if (bias != null && (bias.shape().length != 1 || bias.size() != channels)) {
            throw new IllegalArgumentException(what + " bias " + bias + " must have shape [" + channels + "]");
        }
    }

    private static void requireOutput(String what, Tensor out, int n, int c, int h, int w, Tensor input, ConvGeometry g) {
        if (h <= 0 || w <= 0) {
            throw new IllegalArgumentException(what + ": " + g + " gives an empty output for input " + input);
        }
        int[] expected = {n, c, h, w};
        if (!Arrays.equals(out.shape(), expected)) {
            throw new IllegalArgumentException(what + " output " + out + " must have shape " + Tensor.describe(expected)
                    + " for input " + input + " and " + g);
        }
    }

    private static void requireTransposedWeight(Tensor input, Tensor weight, int[] x, int[] w, ConvGeometry g) {
        if (w[0] != x[1] || w[2] != g.kH() || w[3] != g.kW()) {
            throw new IllegalArgumentException("conv2dTranspose weight " + weight + " does not fit input " + input
                    + " and " + g + " (expected [" + x[1] + ", O, " + g.kH() + ", " + g.kW() + "])");
        }
    }

    private static void requireSameDtype(Tensor... ts) {
        for (Tensor t : ts) {
            if (t.dtype() != ts[0].dtype()) {
                throw new IllegalArgumentException("dtypes differ: " + ts[0] + " and " + t);
            }
        }
    }

    private static void requireLength(Tensor t, long length) {
        if (t.size() != length) {
            throw new IllegalArgumentException("expected " + t.size() + " values for " + t + ", found " + length);
        }
    }

    private static void requireSameShape(Tensor... ts) {
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
