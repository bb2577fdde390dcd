package dev.latent.optimizers;

import dev.latent.api.optim.Optimizer;
import dev.latent.api.optim.OptimizerContext;
import dev.latent.api.optim.OptimizerProvider;

/**
 * Provides {@code adam}, the optimizer of Kingma and Ba 2015 ("Adam: A Method for Stochastic
 * Optimization"), as optax builds it:
 *
 * <pre>
 * adam = chain(clip, add_decayed_weights(wd), scale_by_adam(b1, b2, eps), scale_by_learning_rate(lr))
 * </pre>
 *
 * that is {@code value += -lr * mhat / (sqrt(vhat) + eps)}; see {@link ScaleByAdam}. Clipping
 * and the L2 decay are present only when set (see {@link ChainBuilder}); with a schedule the
 * last link is {@code scale_by_schedule}.
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
        return new ChainBuilder(context)
                .clip(config.clipValue(), config.clipNorm())
                .addDecayedWeights(config.weightDecay())
                .then(new ScaleByAdam(context.engine(), config.beta1(), config.beta2(), config.epsilon()))
                .descend(config.learningRate(), config.schedule());
    }
}
