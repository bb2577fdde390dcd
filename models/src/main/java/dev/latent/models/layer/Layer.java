package dev.latent.models.layer;

import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Parameter;
import java.util.List;
import java.util.Map;

/**
 * One differentiable stage of a network, in the style of Torch's {@code nn.Module}: forward,
 * backward, and the Gauss-Newton diagonal-Hessian backward of Becker and LeCun (1989), which
 * Torch called {@code updateDiagHessianInput} / {@code accDiagHessianParameters}.
 *
 * <p>Inputs and outputs are rank-2 tensors {@code [batch, features]}. Call order: {@link #forward}
 * then at most one of {@link #backward} or {@link #backwardCurvature} for that batch. The layer
 * keeps a reference to its input until the next forward, and returns tensors it owns (allocated
 * once per batch size), valid until its next call. Not thread-safe.
 */
public interface Layer extends AutoCloseable {

    /** The number of output features for {@code inputSize} input features. */
    int outputSize(int inputSize);

    /** The trainable parameters, empty for parameter-free layers. */
    List<Parameter> parameters();

    /**
     * The non-trainable state by unique name, such as {@link BatchNorm}'s running mean and
     * variance: tensors that training-mode forwards change and no optimizer updates, saved in
     * checkpoints beside the parameters. Default: none.
     */
    default Map<String, Tensor> buffers() {
        return Map.of();
    }

    /**
     * Computes the output for a batch.
     *
     * @param training true in training (dropout and sampling active), false in evaluation
     */
    Tensor forward(Tensor input, boolean training);

    /**
     * Given d loss / d output, overwrites each parameter's gradient with d loss / d parameter
     * and returns d loss / d input (or null when {@code needInputGradient} is false, which lets
     * the first layer skip that work).
     */
    Tensor backward(Tensor gradOutput, boolean needInputGradient);

    /**
     * Given the diagonal of the Gauss-Newton Hessian w.r.t. the output, <em>adds</em> the
     * diagonal w.r.t. each parameter to its curvature and returns the diagonal w.r.t. the input
     * (or null when not needed): for y = f(x), h_x = h_y * f'(x)^2; for y = x W + b,
     * h_W += (x^2)^T h_y, h_b += sum of h_y over the batch, h_x = h_y (W^2)^T.
     */
    Tensor backwardCurvature(Tensor curvatureOutput, boolean needInputCurvature);

    /** Releases the layer's buffers and parameters; closing again has no effect. */
    @Override
    void close();
}
