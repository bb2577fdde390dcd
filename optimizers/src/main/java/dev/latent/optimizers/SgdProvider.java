package dev.latent.optimizers;

import dev.latent.api.engine.Engine;
import dev.latent.api.optim.Optimizer;
import dev.latent.api.optim.OptimizerContext;
import dev.latent.api.optim.OptimizerProvider;
import java.util.ArrayList;
import java.util.List;

/**
 * Provides {@code sgd}: stochastic gradient descent, optionally with heavy-ball momentum
 * (Polyak 1964) or Nesterov momentum (Nesterov 1983; Sutskever et al. 2013).
 *
 * <pre>
 * sgd = chain(momentum(mu, nesterov), scale_by_learning_rate(lr))   when mu &gt; 0
 * sgd = chain(scale_by_learning_rate(lr))                           when mu = 0
 * </pre>
 *
 * so that plain SGD computes {@code value += -lr * g}. The result is always a {@link Chain}, so
 * state names keep the form {@code chain/<i>.<link>/<slot>/<parameter>} whatever the settings.
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
        Engine engine = context.engine();
        List<Optimizer> links = new ArrayList<>(2);
        if (config.momentum() > 0) {
            links.add(new Momentum(engine, config.momentum(), config.nesterov()));
        }
        links.add(new ScaleByLearningRate(engine, config.learningRate()));
        return new Chain(links);
    }
}
