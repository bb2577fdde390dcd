package dev.latent.optimizers;

import dev.latent.api.optim.Optimizer;
import dev.latent.api.optim.OptimizerContext;
import dev.latent.api.optim.OptimizerProvider;

/**
 * Provides {@code rmsprop} (Tieleman and Hinton 2012, "Lecture 6.5 - RMSProp"):
 *
 * <pre>
 * rmsprop = chain(clip, add_decayed_weights(wd), scale_by_rmsprop(rho, eps), momentum(mu),
 *                 scale_by_learning_rate(lr))
 * </pre>
 *
 * that is {@code v = rho v + (1 - rho) g^2; value += -lr * g / (sqrt(v) + eps)}, without bias
 * correction; see {@link ScaleByRmsprop}. Momentum, as in PyTorch's {@code RMSprop}, accumulates
 * the rescaled gradient. Clipping, L2 decay and momentum are present only when set (see
 * {@link ChainBuilder}); with a schedule the last link is {@code scale_by_schedule}.
 */
public final class RmspropProvider implements OptimizerProvider<RmspropConfig> {

    /** Called by {@link java.util.ServiceLoader}; does no work. */
    public RmspropProvider() {
    }

    @Override
    public String name() {
        return "rmsprop";
    }

    @Override
    public String description() {
        return "RMSprop, steps divided by a running root mean square of gradients (Tieleman and Hinton 2012)";
    }

    @Override
    public Class<RmspropConfig> configType() {
        return RmspropConfig.class;
    }

    @Override
    public Optimizer create(RmspropConfig config, OptimizerContext context) {
        return new ChainBuilder(context)
                .clip(config.clipValue(), config.clipNorm())
                .addDecayedWeights(config.weightDecay())
                .then(new ScaleByRmsprop(context.engine(), config.rho(), config.epsilon()))
                .momentum(config.momentum(), false)
                .descend(config.learningRate(), config.schedule());
    }
}
