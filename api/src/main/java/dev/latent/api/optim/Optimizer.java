package dev.latent.api.optim;

import dev.latent.api.model.Parameter;
import java.util.List;

/**
 * A gradient transformation in the sense of optax: a pair of functions (init, update) over
 * explicit state. Named optimizers such as Adam are chains of smaller transformations.
 *
 * <p>Call order: {@link #init} once, allocating all state; then, after each
 * {@link dev.latent.api.model.Model#trainStep}, {@link #update} with the 1-based step count.
 * {@code update} rewrites each parameter's gradient in place into the <em>update</em>, and the
 * trainer then adds the update to the value ({@code value += update}); so the last link of a
 * chain that descends scales by {@code -learningRate}. Update allocates nothing.
 */
public interface Optimizer {

    /** Allocates this transformation's state for the given parameters. */
    OptimizerState init(List<Parameter> parameters);

    /**
     * Transforms each parameter's {@link Parameter#gradient()} in place into its update.
     *
     * @param step the 1-based number of this update
     */
    void update(List<Parameter> parameters, OptimizerState state, long step);
}
