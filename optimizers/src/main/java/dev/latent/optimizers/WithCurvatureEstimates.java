package dev.latent.optimizers;

import dev.latent.api.model.Parameter;
import dev.latent.api.optim.CurvatureEstimates;
import dev.latent.api.optim.Optimizer;
import dev.latent.api.optim.OptimizerState;
import java.util.List;
import java.util.Objects;

/**
 * An optimizer whose chain reads {@link Parameter#curvature()} (it holds a
 * {@link ScaleByParameterRates#fromCurvature} link), together with how often the trainer must
 * re-estimate that curvature: {@link CurvatureEstimates}. It computes exactly what the wrapped
 * optimizer computes, with the same state (names included); it only adds the estimate's cadence
 * from a {@link CurvatureConfig}. {@link ChainBuilder#curvature} adds the link and
 * {@link ChainBuilder#descend} wraps the chain, so any optimizer configuration can offer a
 * {@code curvature} section.
 */
public final class WithCurvatureEstimates implements Optimizer, CurvatureEstimates {

    private final Optimizer optimizer;
    private final CurvatureConfig config;

    /**
     * @param optimizer an optimizer that reads the curvature
     * @param config    an enabled curvature section ({@code every > 0})
     */
    public WithCurvatureEstimates(Optimizer optimizer, CurvatureConfig config) {
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        if (!config.enabled()) {
            throw new IllegalArgumentException("the curvature section is off (every: 0)");
        }
        this.config = config;
    }

    /** {@return the optimizer that computes the updates} */
    public Optimizer optimizer() {
        return optimizer;
    }

    @Override
    public long everySamples() {
        return config.every();
    }

    @Override
    public int estimateSamples() {
        return config.samples();
    }

    @Override
    public OptimizerState init(List<Parameter> parameters) {
        return optimizer.init(parameters);
    }

    @Override
    public void update(List<Parameter> parameters, OptimizerState state, long step) {
        optimizer.update(parameters, state, step);
    }

    @Override
    public String toString() {
        return optimizer + " with curvature estimates every " + config.every() + " samples over " + config.samples();
    }
}
