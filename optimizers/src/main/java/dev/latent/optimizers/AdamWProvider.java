package dev.latent.optimizers;

import dev.latent.api.optim.Optimizer;
import dev.latent.api.optim.OptimizerContext;
import dev.latent.api.optim.OptimizerProvider;

/**
 * Provides {@code adamw}, Adam with decoupled weight decay (Loshchilov and Hutter 2019,
 * "Decoupled Weight Decay Regularization"), as optax builds it:
 *
 * <pre>
 * adamw = chain(clip, scale_by_adam(b1, b2, eps), add_decayed_weights(wd), scale_by_learning_rate(lr))
 * </pre>
 *
 * that is {@code value += -lr(t) * (mhat / (sqrt(vhat) + eps) + wd * value)}: the decay is not
 * divided by Adam's second moment, unlike the L2 decay of {@code adam}. As in optax and PyTorch
 * the learning rate (and its schedule, the paper's multiplier eta_t) scales the decay too. With
 * wd = 0 it computes exactly what {@code adam} computes.
 */
public final class AdamWProvider implements OptimizerProvider<AdamWConfig> {

    /** Called by {@link java.util.ServiceLoader}; does no work. */
    public AdamWProvider() {
    }

    @Override
    public String name() {
        return "adamw";
    }

    @Override
    public String description() {
        return "AdamW, Adam with decoupled weight decay (Loshchilov and Hutter 2019)";
    }

    @Override
    public Class<AdamWConfig> configType() {
        return AdamWConfig.class;
    }

    @Override
    public Optimizer create(AdamWConfig config, OptimizerContext context) {
        return new ChainBuilder(context)
                .clip(config.clipValue(), config.clipNorm())
                .then(new ScaleByAdam(context.engine(), config.beta1(), config.beta2(), config.epsilon()))
                .addDecayedWeights(config.weightDecay())
                .descend(config.learningRate(), config.schedule());
    }
}
