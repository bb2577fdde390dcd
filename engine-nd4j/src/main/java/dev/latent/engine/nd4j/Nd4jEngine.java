package dev.latent.engine.nd4j;

import dev.latent.api.engine.Activation;
import dev.latent.api.engine.DType;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.RandomStream;
import dev.latent.api.engine.Scope;
import dev.latent.api.engine.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
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
 * {@link Nd4jActivations}, which come from the open {@link Scope}'s workspace. The exception to
 * "ND4J ops throughout": max pooling and unpooling run on the host, in Java loops over Java-heap
 * copies of the data ({@link HostMaxPooling}, where their cost is measured).
 */
public final class Nd4jEngine extends Nd4jImageOps {

    private final String name;
    private final Map<String, String> properties;
    private final Set<Nd4jTensor> owned = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Nd4jRandomStream> streams = new ArrayList<>();
    private final Nd4jGemm gemm;
    /** Whether tensors live in host memory (the backend has a direct gemm: the CPU engine). */
    private final boolean hostMemory;

    /**
     * @param name       the provider's name
     * @param properties what reports record about the backend
     * @param direct     the backend's own routine for small matrix products, or null; a backend
     *                   with one keeps its tensors in host memory, which copies then move as raw
     *                   memory
     */
    public Nd4jEngine(String name, Map<String, String> properties, DirectGemm direct) {
        this.name = name;
        this.properties = Map.copyOf(properties);
        this.gemm = new Nd4jGemm(direct);
        this.hostMemory = direct != null;
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
        TensorChecks.requireLength(dst, values.length);
        INDArray a = TensorChecks.array(dst);
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
        TensorChecks.requireLength(dst, values.length);
        Nd4jTensor.setData(TensorChecks.array(dst), values);
    }

    @Override
    public void copy(Tensor src, Tensor dst) {
        TensorChecks.requireLength(dst, src.size());
        if (src != dst) {
            INDArray d = TensorChecks.array(dst);
            INDArray s = TensorChecks.array(src);
            if (hostMemory && s.dataType() == d.dataType() && DenseArrays.isDense(s) && DenseArrays.isDense(d)) {
                // raw memory, whatever the shapes: SpatialLayer's rank-2 <-> rank-4 copies of
                // [128, 1568] took 85 us through a reshaped view, 16 us this way
                Nd4j.getMemoryManager().memcpy(d.data(), s.data());
            } else {
                d.assign(Arrays.equals(s.shape(), d.shape()) ? s : s.reshape(d.shape()));
            }
        }
    }

    @Override
    public void fill(Tensor dst, double value) {
        TensorChecks.array(dst).assign(value);
    }

    /**
     * A reshaped {@link INDArray} over the same buffer, for a dense tensor (a reshape of a
     * row-major array with default strides never copies); not owned, so closing it frees nothing.
     */
    @Override
    public Optional<Tensor> view(Tensor t, int... shape) {
        super.view(t, shape);  // Engine's size check
        INDArray a = TensorChecks.array(t);
        if (!DenseArrays.isDense(a)) {
            return Optional.empty();
        }
        INDArray v = a.reshape('c', Arrays.stream(shape).asLongStream().toArray());
        if (v.data().address() != a.data().address() || v.offset() != 0) {
            throw new IllegalStateException("ND4J copied " + t + " to reshape it to " + Tensor.describe(shape));
        }
        return Optional.of(new Nd4jTensor(v, t.dtype(), this));
    }

    @Override
    public RandomStream random(long seed) {
        Nd4jRandomStream stream = new Nd4jRandomStream(seed);
        streams.add(stream);
        return stream;
    }

    @Override
    public List<RandomStream> randomStreams() {
        return List.copyOf(streams);
    }

    @Override
    public Scope scope() {
        return new Nd4jScope(this);
    }

    // ---- linear algebra

    @Override
    public void gemm(Tensor a, boolean transposeA, Tensor b, boolean transposeB, double alpha, double beta, Tensor out) {
        gemm.gemm(a, transposeA, b, transposeB, alpha, beta, out);
    }

    @Override
    public void addRowVector(Tensor matrix, Tensor row, Tensor out) {
        TensorChecks.requireSameShape(matrix, out);
        if (row.size() != matrix.columns()) {
            throw new IllegalArgumentException("row " + row + " does not match the columns of " + matrix);
        }
        Nd4jCustomOps.broadcast("add", TensorChecks.matrix(matrix), TensorChecks.vector(row), TensorChecks.matrix(out));
    }

    @Override
    public void columnSums(Tensor matrix, Tensor out) {
        if (out.size() != matrix.columns()) {
            throw new IllegalArgumentException("output " + out + " does not match the columns of " + matrix);
        }
        gemm.columnSums(TensorChecks.matrix(matrix), TensorChecks.vector(out));
    }

    @Override
    public void mulRowVector(Tensor matrix, Tensor row, Tensor out) {
        TensorChecks.requireSameShape(matrix, out);
        TensorChecks.requireSameDtype(matrix, row);
        if (row.size() != matrix.columns()) {
            throw new IllegalArgumentException("row " + row + " does not match the columns of " + matrix);
        }
        Nd4jCustomOps.broadcast("multiply", TensorChecks.matrix(matrix), TensorChecks.vector(row), TensorChecks.matrix(out));
    }

    // ---- element-wise

    @Override
    public void add(Tensor a, Tensor b, Tensor out) {
        TensorChecks.requireSameShape(a, b, out);
        TensorChecks.array(a).add(TensorChecks.array(b), TensorChecks.array(out));
    }

    @Override
    public void sub(Tensor a, Tensor b, Tensor out) {
        TensorChecks.requireSameShape(a, b, out);
        TensorChecks.array(a).sub(TensorChecks.array(b), TensorChecks.array(out));
    }

    @Override
    public void mul(Tensor a, Tensor b, Tensor out) {
        TensorChecks.requireSameShape(a, b, out);
        TensorChecks.array(a).mul(TensorChecks.array(b), TensorChecks.array(out));
    }

    @Override
    public void div(Tensor a, Tensor b, Tensor out) {
        TensorChecks.requireSameShape(a, b, out);
        TensorChecks.array(a).div(TensorChecks.array(b), TensorChecks.array(out));
    }

    @Override
    public void axpy(double alpha, Tensor x, Tensor y) {
        TensorChecks.requireSameShape(x, y);
        Nd4j.getBlasWrapper().level1().axpy(x.size(), alpha, TensorChecks.array(x), TensorChecks.array(y));
    }

    @Override
    public void scale(Tensor a, double s, Tensor out) {
        TensorChecks.requireSameShape(a, out);
        TensorChecks.array(a).mul(s, TensorChecks.array(out));
    }

    @Override
    public void addScalar(Tensor a, double s, Tensor out) {
        TensorChecks.requireSameShape(a, out);
        TensorChecks.array(a).add(s, TensorChecks.array(out));
    }

    @Override
    public void square(Tensor a, Tensor out) {
        TensorChecks.requireSameShape(a, out);
        Nd4j.getExecutioner().exec(new Square(TensorChecks.array(a), TensorChecks.array(out)));
    }

    @Override
    public void sqrt(Tensor a, Tensor out) {
        TensorChecks.requireSameShape(a, out);
        Nd4j.getExecutioner().exec(new Sqrt(TensorChecks.array(a), TensorChecks.array(out)));
    }

    @Override
    public void exp(Tensor a, Tensor out) {
        TensorChecks.requireSameShape(a, out);
        Nd4j.getExecutioner().exec(new Exp(TensorChecks.array(a), TensorChecks.array(out)));
    }

    @Override
    public void log(Tensor a, Tensor out) {
        TensorChecks.requireSameShape(a, out);
        Nd4j.getExecutioner().exec(new Log(TensorChecks.array(a), TensorChecks.array(out)));
    }

    @Override
    public void clip(Tensor a, double low, double high, Tensor out) {
        TensorChecks.requireSameShape(a, out);
        if (!(low <= high)) {
            throw new IllegalArgumentException("clip range [" + low + ", " + high + "] is empty");
        }
        Nd4j.getExecutioner().exec(new ScalarMax(TensorChecks.array(a), null, TensorChecks.array(out), low));
        Nd4j.getExecutioner().exec(new ScalarMin(TensorChecks.array(out), null, TensorChecks.array(out), high));
    }

    // ---- activations

    @Override
    public void activate(Activation f, Tensor x, Tensor out) {
        TensorChecks.requireSameShape(x, out);
        Nd4jActivations.forward(f, TensorChecks.array(x), TensorChecks.array(out));
    }

    @Override
    public void activationBackward(Activation f, Tensor x, Tensor y, Tensor gradOut, Tensor gradIn) {
        TensorChecks.requireSameShape(x, y, gradOut);
        TensorChecks.requireSameShape(gradOut, gradIn);
        Nd4jActivations.backward(f, TensorChecks.array(x), TensorChecks.array(y), TensorChecks.array(gradOut), TensorChecks.array(gradIn), false);
    }

    @Override
    public void activationCurvature(Activation f, Tensor x, Tensor y, Tensor hOut, Tensor hIn) {
        TensorChecks.requireSameShape(x, y, hOut);
        TensorChecks.requireSameShape(hOut, hIn);
        Nd4jActivations.backward(f, TensorChecks.array(x), TensorChecks.array(y), TensorChecks.array(hOut), TensorChecks.array(hIn), true);
    }

    // ---- fused optimizer steps

    @Override
    public void adamMoments(Tensor gradient, Tensor m, Tensor v, double beta1, double beta2, double epsilon, long step) {
        TensorChecks.requireSameShape(gradient, m, v);
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
        Nd4j.getExecutioner().exec(new AdamUpdater(TensorChecks.array(gradient), TensorChecks.array(v), TensorChecks.array(m),
                1.0, beta1, beta2, epsilonHat, Math.toIntExact(step - 1)));
    }

    // ---- reductions

    @Override
    public double sum(Tensor a) {
        return TensorChecks.array(a).sumNumber().doubleValue();
    }

    @Override
    public double dot(Tensor a, Tensor b) {
        TensorChecks.requireSameShape(a, b);
        return Nd4j.getBlasWrapper().level1().dot(a.size(), 1.0, TensorChecks.array(a), TensorChecks.array(b));
    }

    @Override
    public double squaredDistance(Tensor a, Tensor b) {
        TensorChecks.requireSameShape(a, b);
        return TensorChecks.array(a).squaredDistance(TensorChecks.array(b));
    }

    @Override
    public void close() {
        List<Nd4jTensor> all = List.copyOf(owned);
        owned.clear();
        for (Nd4jTensor t : all) {
            t.array().close();
        }
        streams.forEach(Nd4jRandomStream::close);
        streams.clear();
    }

    // ---- helpers

    void release(Nd4jTensor t) {
        if (owned.remove(t)) {
            t.array().close();
        }
    }

}
