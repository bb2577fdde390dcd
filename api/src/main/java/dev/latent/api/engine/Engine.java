package dev.latent.api.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    /**
     * The same elements under another shape, without a copy: a tensor of {@code shape} (whose
     * product must equal {@code t.size()}) that shares t's memory in row-major order, so that a
     * write through either is seen through both. The view is valid while t is open; closing it
     * releases nothing. Empty where this engine cannot share t's memory (the default); callers
     * then {@link #copy} into a tensor of the new shape.
     *
     * @throws IllegalArgumentException when the shape's product is not {@code t.size()}
     */
    default Optional<Tensor> view(Tensor t, int... shape) {
        long size = 1;
        for (int d : shape) {
            size *= d;
        }
        if (size != t.size()) {
            throw new IllegalArgumentException("cannot view " + t + " (" + t.size() + " elements) as "
                    + Tensor.describe(shape) + " (" + size + ")");
        }
        return Optional.empty();
    }

    /** A new seeded random stream (see {@link RandomStream} for reproducibility). */
    RandomStream random(long seed);

    /**
     * Every stream {@link #random} has made, in the order made (a copy). Checkpoints save and
     * restore their positions by index, so a run that makes the same streams in the same order
     * resumes them exactly; the engine keeps each stream until it closes.
     */
    List<RandomStream> randomStreams();

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

    /**
     * out[i, j] = matrix[i, j] * row[j] (a per-column gain, as in a diagonal layer). The matrix
     * is read as [rows, columns] (see {@link Tensor#columns()}); row has one element per column.
     * out may alias matrix.
     */
    void mulRowVector(Tensor matrix, Tensor row, Tensor out);

    // ---- convolution and pooling: NCHW, row-major; shapes [N, C, H, W] are
    // (batch, channels, height, width), and g is the {@link ConvGeometry} (kernel kH x kW,
    // stride sH x sW, zero padding pH x pW, output padding opH x opW). In the sums below, input
    // positions outside [0, H) x [0, W) (the zero padding) contribute 0. Outputs must not alias
    // inputs.

    /**
     * 2-D convolution (cross-correlation, as PyTorch's {@code Conv2d}):
     * <pre>
     * out[n, o, i, j] = bias[o] + sum over c, a, b of
     *                   weight[o, c, a, b] * input[n, c, i sH - pH + a, j sW - pW + b]
     * </pre>
     * with input [N, C, H, W], weight [O, C, kH, kW], bias [O] or null (no bias), out
     * [N, O, Ho, Wo], Ho = (H + 2 pH - kH) / sH + 1 and Wo = (W + 2 pW - kW) / sW + 1
     * ({@link ConvGeometry#outputHeight}). The output padding of g is ignored.
     */
    void conv2d(Tensor input, Tensor weight, Tensor bias, ConvGeometry g, Tensor out);

    /**
     * The gradients of {@link #conv2d}, given gradOut = dL/dout [N, O, Ho, Wo]; each is
     * OVERWRITTEN (not accumulated):
     * <pre>
     * gradInput[n, c, y, x]  = sum over o, i, j with y = i sH - pH + a, x = j sW - pW + b
     *                          (0 &lt;= a &lt; kH, 0 &lt;= b &lt; kW) of weight[o, c, a, b] * gradOut[n, o, i, j]
     * gradWeight[o, c, a, b] = sum over n, i, j of input[n, c, i sH - pH + a, j sW - pW + b] * gradOut[n, o, i, j]
     * gradBias[o]            = sum over n, i, j of gradOut[n, o, i, j]
     * </pre>
     * gradInput [N, C, H, W] may be null (first layer: not computed, though an engine may
     * compute it into a scope temporary); gradBias [O] may be null (no bias); gradWeight
     * [O, C, kH, kW] is required.
     */
    void conv2dBackward(Tensor input, Tensor weight, Tensor gradOut, ConvGeometry g,
                        Tensor gradInput, Tensor gradWeight, Tensor gradBias);

    /**
     * 2-D transposed convolution (PyTorch's {@code ConvTranspose2d}), the adjoint of
     * {@link #conv2d} with respect to its input, plus a bias: each input value stamps its
     * weighted kernel onto the output,
     * <pre>
     * out[n, o, y, x] = bias[o] + sum over c, i, j, a, b with y = i sH - pH + a, x = j sW - pW + b
     *                   of input[n, c, i, j] * weight[c, o, a, b]
     * </pre>
     * with input [N, C, H, W], weight [C, O, kH, kW] (input channels first, as PyTorch), bias
     * [O] or null, out [N, O, Ho, Wo], Ho = (H - 1) sH - 2 pH + kH + opH and
     * Wo = (W - 1) sW - 2 pW + kW + opW ({@link ConvGeometry#transposedOutputHeight}).
     */
    void conv2dTranspose(Tensor input, Tensor weight, Tensor bias, ConvGeometry g, Tensor out);

    /**
     * The gradients of {@link #conv2dTranspose}, given gradOut = dL/dout [N, O, Ho, Wo]; each is
     * OVERWRITTEN:
     * <pre>
     * gradInput[n, c, i, j]  = sum over o, a, b of weight[c, o, a, b] * gradOut[n, o, i sH - pH + a, j sW - pW + b]
     * gradWeight[c, o, a, b] = sum over n, i, j of input[n, c, i, j] * gradOut[n, o, i sH - pH + a, j sW - pW + b]
     * gradBias[o]            = sum over n, y, x of gradOut[n, o, y, x]
     * </pre>
     * (gradOut read as 0 outside [0, Ho) x [0, Wo)); gradInput [N, C, H, W] and gradBias [O] may
     * be null; gradWeight [C, O, kH, kW] is required.
     */
    void conv2dTransposeBackward(Tensor input, Tensor weight, Tensor gradOut, ConvGeometry g,
                                 Tensor gradInput, Tensor gradWeight, Tensor gradBias);

    /**
     * Average pooling, padding counted (PyTorch's {@code AvgPool2d} with
     * {@code count_include_pad=true}): out[n, c, i, j] = (1 / (kH kW)) * sum over a &lt; kH, b &lt; kW
     * of input[n, c, i sH - pH + a, j sW - pW + b], with input [N, C, H, W] and out
     * [N, C, Ho, Wo] as in {@link #conv2d}.
     */
    void avgPool2d(Tensor input, ConvGeometry g, Tensor out);

    /**
     * The gradient of {@link #avgPool2d}, OVERWRITING gradInput [N, C, H, W]: each
     * gradOut[n, c, i, j] / (kH kW) is added to every input position of its window (windows
     * that overlap add up; padding positions are dropped).
     */
    void avgPool2dBackward(Tensor gradOut, ConvGeometry g, Tensor gradInput);

    /**
     * Average unpooling: spreads each input value over its window, the transpose of summing
     * over windows (kH kW times {@link #avgPool2dBackward}):
     * out[n, c, y, x] = sum over i, j whose window covers (y, x), that is y = i sH - pH + a,
     * x = j sW - pW + b with 0 &lt;= a &lt; kH, 0 &lt;= b &lt; kW, of input[n, c, i, j]. With
     * kernel = stride and no padding it is nearest-neighbour upsampling by the stride. input
     * [N, C, H, W], out [N, C, Ho, Wo] with the transposed sizes of {@link #conv2dTranspose}.
     */
    void avgUnpool2d(Tensor input, ConvGeometry g, Tensor out);

    /**
     * The gradient of {@link #avgUnpool2d}, OVERWRITING gradInput [N, C, H, W]: the sum of
     * gradOut [N, C, Ho, Wo] over each window, gradInput[n, c, i, j] = sum over a, b of
     * gradOut[n, c, i sH - pH + a, j sW - pW + b] (kH kW times {@link #avgPool2d}).
     */
    void avgUnpool2dBackward(Tensor gradOut, ConvGeometry g, Tensor gradInput);

    /**
     * Max pooling with the positions of the maxima (PyTorch's {@code MaxPool2d} with
     * {@code return_indices=True}):
     * <pre>
     * out[n, c, i, j]     = max over a &lt; kH, b &lt; kW of input[n, c, i sH - pH + a, j sW - pW + b]
     * indices[n, c, i, j] = y W + x, the position (y, x) = (i sH - pH + a, j sW - pW + b) of that max
     *                       within the input plane [0, H) x [0, W)
     * </pre>
     * with input [N, C, H, W] and out, indices [N, C, Ho, Wo] as in {@link #conv2d}. Only input
     * positions take part: the zero padding never wins (an all-negative window gives its largest
     * negative value), and the geometry must keep every window partly inside the input, as
     * PyTorch asks: 2 pH &lt;= kH and 2 pW &lt;= kW. Ties go to the first position in row-major
     * window order (smallest a, then smallest b). The indices are whole numbers stored in the
     * data's dtype (exact in float32 for planes of at most 2^24 elements; a larger float32
     * plane is rejected); they number positions within one plane, not within the tensor.
     */
    void maxPool2d(Tensor input, ConvGeometry g, Tensor out, Tensor indices);

    /**
     * The gradient of {@link #maxPool2d}, OVERWRITING gradInput [N, C, H, W] with zeros and then
     * adding each gradOut[n, c, i, j] (gradOut [N, C, Ho, Wo]) at the position
     * indices[n, c, i, j] of its plane (windows that overlap and chose the same position add
     * up): gradInput[n, c, y, x] = sum over i, j with indices[n, c, i, j] = y W + x of
     * gradOut[n, c, i, j]. indices are those {@link #maxPool2d} wrote for this gradInput's
     * size and g. The same operation as {@link #maxUnpool2d}.
     */
    void maxPool2dBackward(Tensor gradOut, Tensor indices, ConvGeometry g, Tensor gradInput);

    /**
     * Max unpooling (PyTorch's {@code MaxUnpool2d}): puts each input value back at the position
     * its {@link #maxPool2d} chose, and zeros elsewhere:
     * out[n, c, y, x] = sum over i, j with indices[n, c, i, j] = y W + x of input[n, c, i, j].
     * Where overlapping windows chose the same position the values ADD UP (PyTorch leaves that
     * case unspecified), so that {@link #maxUnpool2dBackward} is the exact adjoint. g is the
     * pooling geometry and out [N, C, H, W] the pooled tensor's size, taken from out: input and
     * indices must be [N, C, Ho, Wo] with Ho = {@link ConvGeometry#outputHeight g.outputHeight(H)},
     * Wo likewise; an index that is not a whole number in [0, H W) is rejected. The same
     * operation as {@link #maxPool2dBackward}.
     */
    void maxUnpool2d(Tensor input, Tensor indices, ConvGeometry g, Tensor out);

    /**
     * The gradient of {@link #maxUnpool2d}, OVERWRITING gradInput [N, C, Ho, Wo]: a gather,
     * gradInput[n, c, i, j] = gradOut[n, c, y, x] with y W + x = indices[n, c, i, j], for
     * gradOut [N, C, H, W] and g, indices as in {@link #maxUnpool2d}. Gathering the pooled
     * input itself at its own indices gives {@link #maxPool2d}'s out.
     */
    void maxUnpool2dBackward(Tensor gradOut, Tensor indices, ConvGeometry g, Tensor gradInput);

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
