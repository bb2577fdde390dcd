package dev.latent.api.optim;

import dev.latent.api.model.Parameter;
import java.util.List;

/**
 * An optimizer that searches along its direction (L-BFGS with a line search, for example),
 * and so needs to evaluate the loss at trial points. The trainer calls this method instead of
 * {@link Optimizer#update(List, OptimizerState, long)}.
 *
 * <p>Contract: on entry each gradient holds the gradient at the current values and
 * {@code loss} the loss there. The optimizer may move the values to trial points and call
 * {@code objective}, but it must restore them. On exit each gradient holds the update, which the
 * trainer adds to the value, as for every optimizer.
 */
public interface LineSearchOptimizer extends Optimizer {

    void update(List<Parameter> parameters, OptimizerState state, long step, double loss, Objective objective);

    /** Without an objective a line-search optimizer cannot run. */
    @Override
    default void update(List<Parameter> parameters, OptimizerState state, long step) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " needs an objective for its line search");
    }
}
