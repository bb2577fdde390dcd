package dev.latent.optimizers;

import dev.latent.api.model.Parameter;
import java.util.List;

/**
 * A test function to minimise, whose gradient is computed with engine ops into preallocated
 * tensors. (Not the api's {@link dev.latent.api.optim.Objective}: {@link #asObjective} makes one.)
 */
interface TestFunction {

    /** The parameters, starting at the objective's starting point. */
    List<Parameter> parameters();

    /** Writes the gradient at the current values into each parameter's gradient. */
    void computeGradient();

    /** f at the current values. */
    double value();

    /** The Euclidean distance from the current values to the minimiser. */
    double distanceToMinimum();

    /** The objective a line search evaluates: the gradient into the parameters, and f. */
    default dev.latent.api.optim.Objective asObjective() {
        return () -> {
            computeGradient();
            return value();
        };
    }
}
