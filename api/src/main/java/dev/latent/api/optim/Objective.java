package dev.latent.api.optim;

/**
 * The training loss of the current batch as a function of the parameters' values, for
 * optimizers that evaluate more than one point per step (a line search).
 */
@FunctionalInterface
public interface Objective {

    /**
     * Recomputes the loss at the parameters' current values, overwriting every parameter's
     * gradient with the gradient there.
     *
     * @return the loss
     */
    double evaluate();
}
