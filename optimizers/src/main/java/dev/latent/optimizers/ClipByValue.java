package dev.latent.optimizers;

import dev.latent.api.engine.Engine;
import dev.latent.api.model.Parameter;
import dev.latent.api.optim.Optimizer;
import dev.latent.api.optim.OptimizerState;
import java.util.List;
import java.util.Objects;

/**
 * A gradient transformation that clips every element of the update to [-c, c], optax's
 * {@code clip}:
 *
 * <pre>
 * u_i = min(max(u_i, -c), c)
 * </pre>
 *
 * Unlike {@link ClipByGlobalNorm} it changes the update's direction. Used first in a chain, it
 * bounds the raw gradient (as Mikolov's element-wise clipping of RNN gradients did; see
 * Pascanu et al. 2013, "On the difficulty of training recurrent neural networks").
 *
 * <p>Stateless: its state, named {@code clip_by_value}, holds no tensors.
 */
public final class ClipByValue implements Optimizer {

    /** The name of this transformation's state. */
    public static final String NAME = "clip_by_value";

    private final Engine engine;
    private final double maxValue;

    /**
     * @param engine   the engine that owns the parameters' tensors
     * @param maxValue c, the largest magnitude an element keeps, &gt; 0
     */
    public ClipByValue(Engine engine, double maxValue) {
        this.engine = Objects.requireNonNull(engine, "engine");
        if (!(maxValue > 0)) {
            throw new IllegalArgumentException("maxValue must be > 0, found " + maxValue);
        }
        this.maxValue = maxValue;
    }

    /** {@return c, the largest magnitude an element keeps} */
    public double maxValue() {
        return maxValue;
    }

    @Override
    public OptimizerState init(List<Parameter> parameters) {
        return OptimizerState.empty(NAME);
    }

    @Override
    public void update(List<Parameter> parameters, OptimizerState state, long step) {
        for (Parameter p : parameters) {
            engine.clip(p.gradient(), -maxValue, maxValue, p.gradient());
        }
    }

    @Override
    public String toString() {
        return NAME + "(" + maxValue + ")";
    }
}
