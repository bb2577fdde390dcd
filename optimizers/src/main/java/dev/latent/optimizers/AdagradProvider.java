package dev.latent.optimizers;

import dev.latent.api.optim.Optimizer;
import dev.latent.api.optim.OptimizerContext;
import dev.latent.api.optim.OptimizerProvider;

/**
 * Provides {@code adagrad} (Duchi, Hazan and Singer 2011, "Adaptive Subgradient Methods for
 * Online Learning and Stochastic Optimization"):
 *
 * <pre>
 * adagrad = chain(clip, add_decayed_weights(wd), scale_by_adagrad(eps, G0), scale_by_learning_rate(lr))
 * </pre>
 *
 * that is {@code G += g^2; value += -lr * g / (sqrt(G) + eps)}; see {@link ScaleByAdagrad}.
 * Clipping and the L2 decay are present only when set (see {@link ChainBuilder}); with a
 * schedule the last link is {@code scale_by_schedule}.
 */
public final class AdagradProvider implements OptimizerProvider<AdagradConfig> {

    /** Called by {@link java.util.ServiceLoader}; does no work. */
    public AdagradProvider() {
    }

    @Override
    public String name() {
        return "adagrad";
    }

    @Override
    public String description() {
        return "Adagrad, adaptive per-element step sizes from summed squared gradients (Duchi et al. 2011)";
    }

    @Override
    public Class<AdagradConfig> configType() {
        return AdagradConfig.class;
    }

    @Override
    public Optimizer create(AdagradConfig config, OptimizerContext context) {
        return new ChainBuilder(context)
                .clip(config.clipValue(), config.clipNorm())
                .addDecayedWeights(config.weightDecay())
                .then(new ScaleByAdagrad(context.engine(), config.epsilon(), config.initialAccumulator()))
                .descend(config.learningRate(), config.schedule());
    }
}
