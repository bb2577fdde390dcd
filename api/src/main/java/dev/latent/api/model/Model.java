package dev.latent.api.model;

import dev.latent.api.engine.Tensor;
import java.util.List;
import java.util.Map;

/**
 * A trainable model: an autoencoder or any other network that maps a batch of inputs to an
 * output judged against a target.
 *
 * <p>Call order: the trainer calls {@link #parameters()} once, then for each batch
 * {@link #trainStep}, after which each parameter's gradient holds d loss / d value for that
 * batch, and the optimizer updates the values. {@link #evaluate} and {@link #reconstruct} run in
 * evaluation mode (no dropout, no sampling noise) and touch no gradient.
 *
 * <p>Inputs are rank-2 tensors {@code [batch, sampleSize]}; a model that needs images reshapes
 * them itself. A model keeps its activations between forward and backward in buffers it
 * allocates once per batch size. Not thread-safe.
 */
public interface Model extends AutoCloseable {

    /** Every trainable parameter, in a stable order, with unique names. */
    List<Parameter> parameters();

    /** Forward, loss and backward on one batch; overwrites every parameter's gradient. */
    LossReport trainStep(Tensor input, Tensor target);

    /** The loss of one batch in evaluation mode. */
    LossReport evaluate(Tensor input, Tensor target);

    /**
     * The reconstruction of a batch in evaluation mode, in data space (the loss's output
     * activation applied). The result is owned by the model and valid until its next call.
     */
    Tensor reconstruct(Tensor input);

    /**
     * Adds this batch's Gauss-Newton diagonal-Hessian estimate (Becker and LeCun 1989) to each
     * parameter's {@link Parameter#curvature()}; the caller zeroes and averages.
     *
     * @throws UnsupportedOperationException when a layer of the model has no such backward
     */
    void accumulateCurvature(Tensor input, Tensor target);

    /**
     * Called by the trainer after each applied update ({@code value += update}). A model that
     * keeps a constraint on its parameters restores it here, for example PSD's dictionary,
     * whose columns are renormalised to unit norm. Default: nothing.
     */
    default void afterUpdate() {
    }

    /**
     * The model's non-trainable state by stable, unique name, such as a batch normalisation's
     * running mean and variance: tensors that training changes but no optimizer updates.
     * Checkpoints save and restore them beside the parameters. Default: none.
     */
    default Map<String, Tensor> buffers() {
        return Map.of();
    }

    /** Releases the model's buffers and parameters. */
    @Override
    void close();
}
