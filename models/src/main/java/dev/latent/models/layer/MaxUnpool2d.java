package dev.latent.models.layer;

import dev.latent.api.engine.ConvGeometry;
import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Parameter;
import java.util.List;

/**
 * Max unpooling (PyTorch's {@code nn.MaxUnpool2d}, {@link Engine#maxUnpool2d}), the partner of
 * one {@link MaxPool2d}: it puts each value back at the input position that the pool's maximum
 * came from, and zeros elsewhere (where overlapping windows chose the same position, the values
 * add up). Its input rows are the pool's output size {@code C*Ho*Wo} and its output rows the
 * pool's input size {@code C*H*W}. No parameters.
 *
 * <p>Each forward uses the pool's {@link MaxPool2d#indices() indices} from the pool's last
 * forward, which must have had the same batch size (as in an encoder-decoder, where the pool
 * runs first); backward routes each output gradient back from those positions, using the
 * indices of this layer's last forward.
 *
 * <p>Curvature backward: for fixed indices the layer is y = A x with A's entries 0 or 1, so the
 * Gauss-Newton diagonal h_x[j] = sum over i of A[i, j]^2 h_y[i] gathers h_y exactly as the
 * gradient is gathered.
 *
 * <p>Each call copies between rank-2 and rank-4 buffers (allocated once per batch size), because
 * the engine API has no reshaping view yet; a view operation would remove these copies.
 */
public final class MaxUnpool2d extends SpatialLayer {

    private final MaxPool2d pool;
    /** The pool's indices at this layer's last forward, or null before the first. */
    private Tensor indices;

    /** @param pool the pooling layer this one inverts; its engine and dtype are used */
    public MaxUnpool2d(MaxPool2d pool) {
        super("MaxUnpool2d", pool.outputChannels(), pool.outputHeight(), pool.outputWidth(), pool.inputChannels(),
                pool.inputHeight(), pool.inputWidth(), pool.engine, pool.dtype);
        this.pool = pool;
    }

    /** The pooling layer whose indices this layer uses. */
    public MaxPool2d pool() {
        return pool;
    }

    public ConvGeometry geometry() {
        return pool.geometry();
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    protected void forward4(Tensor input, Tensor output) {
        Tensor poolIndices = pool.indices();
        if (poolIndices == null || poolIndices.rows() != input.rows()) {
            throw new IllegalStateException(description + " needs the indices of its MaxPool2d for a batch of "
                    + input.rows() + ": " + (poolIndices == null ? "the pool has not run forward yet"
                    : "the pool's last forward had a batch of " + poolIndices.rows()));
        }
        indices = poolIndices;
        engine.maxUnpool2d(input, indices, pool.geometry(), output);
    }

    @Override
    protected void backward4(Tensor input, Tensor gradOutput, Tensor gradInput) {
        if (gradInput != null) {
            engine.maxUnpool2dBackward(gradOutput, indices, pool.geometry(), gradInput);
        }
    }

    @Override
    public Tensor backwardCurvature(Tensor curvatureOutput, boolean needInputCurvature) {
        return routeCurvature(curvatureOutput, needInputCurvature, 1);
    }

    @Override
    public String toString() {
        return super.toString() + " " + pool.geometry();
    }
}
