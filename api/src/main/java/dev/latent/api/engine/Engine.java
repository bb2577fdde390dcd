package dev.latent.api.engine;

import java.util.Map;

/**
 * A compute backend: it creates {@link Tensor}s and runs every numeric operation Latent's models
 * need on them.
 *
 * <p>Contract, for every operation: outputs are tensors the caller allocated (so that a
 * training step need allocate nothing); an output may be the same tensor as an input (in-place)
 * unless the method says otherwise; all tensors of one call share one {@link DType}; shapes are
 * checked and a mismatch throws {@link IllegalArgumentException} naming the shapes. The
 * expected values of each operation are pinned by the engine conformance suite in the api
 * test-jar ({@code EngineConformanceSuite}), which every engine must pass in float32 and float64.
 *
 * <p>An engine is not thread-safe: one training loop drives it from one thread. Closing it
 * releases every tensor it made.
 */
public interface Engine extends AutoCloseable {

    /** The name of the provider that made this engine, for example {@code cpu}. */
    String name();

    /** What a run report should record: backend, library versions, threads, device. */
    Map<String, String> properties();

    // ---- creation and transfer

    /** A new tensor of zeros that lives until closed (also when made while a {@link Scope} is open). */
    Tensor zeros(DType dtype, int... shape);

    /** A new tensor holding {@code values} (row-major; length must equal the shape's product). */
    Tensor fromArray(double[] values, DType dtype, int... shape);

    /** Copies {@code values} (row-major; length must equal {@code dst.size()}) into dst. */
    void assign(Tensor dst, float[] values);

    /** Copies {@code values} (row-major; length must equal {@code dst.size()}) into dst. */
    void assign(Tensor dst, double[] values);

    /** dst = src (same size; shapes may differ, as a reshape). */
    void copy(Tensor src, Tensor dst);

    /** Every element of dst = value. */
    void fill(Tensor dst, double value);

    /** A new seeded random stream (see {@link RandomStream} for reproducibility). */
    RandomStream random(long seed);

    /** Opens a scope for temporaries; use with try-with-resources around one training step. */
    Scope scope();

    // ---- linear algebra on matrices (rank-2 tensors; a rank-1 tensor is a row)

    /**
     * General matrix multiply: {@code out = alpha * op(a) * op(b) + beta * out}, where op(x) is
     * x or its transpose. {@code out} must not alias a or b.
     */
    void gemm(Tensor a, boolean transposeA, Tensor b, boolean transposeB, double alpha, double beta, Tensor out);

    /** out[i, j] = matrix[i, j] + row[j]. */
    void addRowVector(Tensor matrix, Tensor row, Tensor out);

    /** out[j] = sum over i of matrix[i, j]; out has one element per column. */
    void columnSums(Tensor matrix, Tensor out);

    // ---- element-wise, same shapes

    /** out = a + b. */
    void add(Tensor a, Tensor b, Tensor out);

    /** out = a - b. */
    void sub(Tensor a, Tensor b, Tensor out);

    /** out = a * b (element-wise). */
    void mul(Tensor a, Tensor b, Tensor out);

    /** out = a / b (element-wise). */
    void div(Tensor a, Tensor b, Tensor out);

    /** y = y + alpha * x. */
    void axpy(double alpha, Tensor x, Tensor y);

    /** out = a * s. */
    void scale(Tensor a, double s, Tensor out);

    /** out = a + s. */
    void addScalar(Tensor a, double s, Tensor out);

    /** out = a * a. */
    void square(Tensor a, Tensor out);

    /** out = sqrt(a). */
    void sqrt(Tensor a, Tensor out);

    /** out = exp(a). */
    void exp(Tensor a, Tensor out);

    /** out = ln(a). */
    void log(Tensor a, Tensor out);

    /** out = min(max(a, low), high). */
    void clip(Tensor a, double low, double high, Tensor out);

    // ---- activations

    /** out = f(x). */
    void activate(Activation f, Tensor x, Tensor out);

    /**
     * gradIn = gradOut * f'(x), given the input x and the output y = f(x) (engines may use
     * either). gradIn may alias gradOut.
     */
    void activationBackward(Activation f, Tensor x, Tensor y, Tensor gradOut, Tensor gradIn);

    /**
     * The Gauss-Newton diagonal-Hessian backward: hIn = hOut * f'(x)^2, given x and y = f(x).
     * hIn may alias hOut.
     */
    void activationCurvature(Activation f, Tensor x, Tensor y, Tensor hOut, Tensor hIn);

    // ---- fused optimizer steps (one pass over memory instead of ten; see docs/performance.md)

    /**
     * Adam's moment update and rescaling (Kingma and Ba 2015, Algorithm 1) in one pass, for the
     * 1-based step t: m = beta1 m + (1 - beta1) g; v = beta2 v + (1 - beta2) g^2; then
     * g = mhat / (sqrt(vhat) + epsilon) with mhat = m / (1 - beta1^t), vhat = v / (1 - beta2^t).
     * Overwrites g, m and v in place; none may alias another.
     */
    void adamMoments(Tensor gradient, Tensor m, Tensor v, double beta1, double beta2, double epsilon, long step);

    // ---- reductions (return a host number; a training step calls a few of them at most)

    /** The sum of all elements. */
    double sum(Tensor a);

    /** The sum of a[i] * b[i]. */
    double dot(Tensor a, Tensor b);

    /** The sum of (a[i] - b[i])^2. */
    double squaredDistance(Tensor a, Tensor b);

    /** Releases every tensor this engine made and its native resources. */
    @Override
    void close();
}
