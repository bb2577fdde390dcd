package dev.latent.optimizers;

import dev.latent.api.optim.Optimizer;
import dev.latent.api.optim.OptimizerContext;
import dev.latent.api.optim.OptimizerProvider;

/**
 * Provides {@code sgd}: stochastic gradient descent, optionally with heavy-ball momentum
 * (Polyak 1964) or Nesterov momentum (Nesterov 1983; Sutskever et al. 2013).
 *
 * <pre>
 * sgd = chain(clip, add_decayed_weights(wd), momentum(mu, nesterov),
 *             scale_by_parameter_rates(1 / clamp(h, min, max)), scale_by_learning_rate(lr))
 * </pre>
 *
 * where each link before the last is present only when its setting is on (see
 * {@link ChainBuilder}), and the last is {@code scale_by_schedule} when a schedule is set. Plain
 * SGD computes {@code value += -lr * g}; with {@code curvature} on, {@code value += -lr / clamp(h, min, max) * g}
 * (the stochastic diagonal Levenberg-Marquardt step of LeCun et al. 1998, section 9.1, as the PSD
 * tutorial trains), and the optimizer is a {@link WithCurvatureEstimates} so that the trainer
 * re-estimates h. The updates are always computed by a {@link Chain}, so state names keep the
 * form {@code chain/<i>.<link>/<slot>/<parameter>} whatever the settings.
 */
public final class SgdProvider implements OptimizerProvider<SgdConfig> {

    /** Called by {@link java.util.ServiceLoader}; does no work. */
    public SgdProvider() {
    }

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    public String description() {
        return "stochastic gradient descent with optional heavy-ball (Polyak 1964) or Nesterov momentum";
    }

    @Override
    public Class<SgdConfig> configType() {
        return SgdConfig.class;
    }

    @Override
    public Optimizer create(SgdConfig config, OptimizerContext context) {
        return new ChainBuilder(context)
                .clip(config.clipValue(), config.clipNorm())
                .addDecayedWeights(config.weightDecay())
                .momentum(config.momentum(), config.nesterov())
                .curvature(config.curvature())
                .descend(config.learningRate(), config.schedule());
    }
}
