package dev.latent.optimizers;

import dev.latent.api.engine.Engine;
import dev.latent.api.optim.Optimizer;
import dev.latent.api.optim.OptimizerContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Assembles a named optimizer's {@link Chain} in the one order every provider uses:
 *
 * <pre>
 * clip_by_value -&gt; clip_by_global_norm -&gt; (L2: add_decayed_weights) -&gt; scale_by_X
 *     -&gt; (momentum) -&gt; (decoupled: add_decayed_weights) -&gt; (scale_by_parameter_rates)
 *     -&gt; scale_by_learning_rate | scale_by_schedule
 * </pre>
 *
 * Clipping sees the raw gradient; L2 decay adds {@code wd * w} to it before the rescaling;
 * decoupled decay adds it after; the learning rate (or its schedule) comes last. A link whose
 * setting is off (0) is left out, so the state names of the default settings stay those of the
 * plain chain. Clipping by value comes before clipping by norm, so that with both on the update
 * satisfies both bounds. Per-parameter rates from the curvature come right before the learning
 * rate, as Torch's {@code optim.sgd} applies its {@code learningRates} to the velocity; the chain
 * is then wrapped in {@link WithCurvatureEstimates} so that the trainer estimates the curvature.
 */
final class ChainBuilder {

    private final Engine engine;
    private final long totalSteps;
    private final List<Optimizer> links = new ArrayList<>();
    private CurvatureConfig curvature = CurvatureConfig.OFF;

    ChainBuilder(OptimizerContext context) {
        this.engine = context.engine();
        this.totalSteps = context.totalSteps();
    }

    /** Adds clipping by value, then by global norm, each where its threshold is &gt; 0. */
    ChainBuilder clip(double clipValue, double clipNorm) {
        if (clipValue > 0) {
            links.add(new ClipByValue(engine, clipValue));
        }
        if (clipNorm > 0) {
            links.add(new ClipByGlobalNorm(engine, clipNorm));
        }
        return this;
    }

    /** Adds {@code u = u + wd * w} where wd &gt; 0: L2 decay before the scaling, decoupled after. */
    ChainBuilder addDecayedWeights(double weightDecay) {
        if (weightDecay > 0) {
            links.add(new AddDecayedWeights(engine, weightDecay));
        }
        return this;
    }

    /** Adds a link as it is. */
    ChainBuilder then(Optimizer link) {
        links.add(link);
        return this;
    }

    /** Adds momentum where mu &gt; 0. */
    ChainBuilder momentum(double mu, boolean nesterov) {
        if (mu > 0) {
            links.add(new Momentum(engine, mu, nesterov));
        }
        return this;
    }

    /**
     * Adds {@code u_i = u_i / clamp(h_ii, min, max)} ({@link ScaleByParameterRates#fromCurvature})
     * where the section is enabled, and makes {@link #descend} return an optimizer that asks for
     * curvature estimates. Call it last before {@link #descend}.
     */
    ChainBuilder curvature(CurvatureConfig config) {
        if (config.enabled()) {
            links.add(ScaleByParameterRates.fromCurvature(engine, config.min(), config.max()));
            curvature = config;
        }
        return this;
    }

    /**
     * Ends the chain with {@code u = -lr(t) * u}: {@link ScaleByLearningRate} for a constant
     * rate, {@link ScaleBySchedule} otherwise; the {@link Chain}, or with {@link #curvature} on,
     * the chain in a {@link WithCurvatureEstimates}.
     *
     * @throws dev.latent.api.config.ConfigException when the schedule does not fit the run
     */
    Optimizer descend(double learningRate, ScheduleConfig schedule) {
        Schedule s = Schedules.create(schedule, learningRate, totalSteps);
        links.add(s instanceof ConstantSchedule ? new ScaleByLearningRate(engine, learningRate)
                : new ScaleBySchedule(engine, s));
        Chain chain = new Chain(links);
        return curvature.enabled() ? new WithCurvatureEstimates(chain, curvature) : chain;
    }
}
