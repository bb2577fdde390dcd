package dev.latent.optimizers;

import dev.latent.api.engine.Engine;
import dev.latent.api.optim.Optimizer;
import dev.latent.api.optim.OptimizerContext;
import dev.latent.api.optim.OptimizerProvider;

/**
 * Provides {@code adam}, the optimizer of Kingma and Ba 2015 ("Adam: A Method for Stochastic
 * Optimization"), as optax builds it:
 *
 * <pre>
 * adam = chain(scale_by_adam(b1, b2, eps), scale_by_learning_rate(lr))
 * </pre>
 *
 * that is {@code value += -lr * mhat / (sqrt(vhat) + eps)}; see {@link ScaleByAdam}.
 */
public final class AdamProvider implements OptimizerProvider<AdamConfig> {

    /** Called by {@link java.util.ServiceLoader}; does no work. */
    public AdamProvider() {
    }

    @Override
    public String name() {
        return "adam";
    }

    @Override
    public String description() {
        return "Adam, adaptive moment estimation (Kingma and Ba 2015)";
    }

    @Override
    public Class<AdamConfig> configType() {
        return AdamConfig.class;
    }

    @Override
    public Optimizer create(AdamConfig config, OptimizerContext context) {
        Engine engine = context.engine();
        return Chain.of(
                new ScaleByAdam(engine, config.beta1(), config.beta2(), config.epsilon()),
                new ScaleByLearningRate(engine, config.learningRate()));
    }
}
