package dev.latent.optimizers;

import dev.latent.api.optim.Optimizer;
import dev.latent.api.optim.OptimizerContext;
import dev.latent.api.optim.OptimizerProvider;

/**
 * Provides {@code lbfgs}: limited-memory BFGS (Nocedal 1980; Liu and Nocedal 1989) with a
 * backtracking Armijo line search; see {@link Lbfgs}. It is a
 * {@link dev.latent.api.optim.LineSearchOptimizer}: the trainer gives it the batch's loss as an
 * objective to evaluate at trial points. It is not a chain: clipping, decay and schedules would
 * break the line search's model of the loss, so it has none of those settings.
 */
public final class LbfgsProvider implements OptimizerProvider<LbfgsConfig> {

    /** Called by {@link java.util.ServiceLoader}; does no work. */
    public LbfgsProvider() {
    }

    @Override
    public String name() {
        return "lbfgs";
    }

    @Override
    public String description() {
        return "L-BFGS with a backtracking Armijo line search (Nocedal 1980; Liu and Nocedal 1989)";
    }

    @Override
    public Class<LbfgsConfig> configType() {
        return LbfgsConfig.class;
    }

    @Override
    public Optimizer create(LbfgsConfig config, OptimizerContext context) {
        return new Lbfgs(context.engine(), config.learningRate(), config.history(), config.maxEvaluations(),
                config.tolerance());
    }
}
