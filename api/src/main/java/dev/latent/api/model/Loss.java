package dev.latent.api.model;

import dev.latent.api.engine.Activation;
import dev.latent.api.engine.Tensor;

/**
 * A reconstruction loss between a model's output and its target, averaged over every element
 * of the batch (so that a mean-squared-error loss reads as MSE per pixel).
 *
 * <p>The model's raw output is what the loss sees; {@link #outputActivation()} says how to map
 * that output into data space for pictures and evaluation (sigmoid for a loss on logits).
 * Implementations hold no per-batch state and allocate nothing in {@link #compute}.
 */
public interface Loss {

    /** The name of this loss as a metrics term, for example {@code mse}. */
    String name();

    /**
     * Computes the loss of {@code output} against {@code target} and writes d loss / d output
     * into {@code gradient} (same shape as output).
     *
     * @return the loss, averaged over all elements
     */
    double compute(Tensor output, Tensor target, Tensor gradient);

    /** The loss alone, as {@link #compute} would return it. */
    double value(Tensor output, Tensor target);

    /**
     * Writes the Gauss-Newton diagonal of d^2 loss / d output^2 into {@code curvature}: the
     * start of the diagonal-Hessian backward.
     */
    void curvature(Tensor output, Tensor target, Tensor curvature);

    /** The map from the model's raw output to data space: identity for MSE. */
    default Activation outputActivation() {
        return Activation.IDENTITY;
    }
}
