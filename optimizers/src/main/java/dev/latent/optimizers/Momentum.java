package dev.latent.optimizers;

import dev.latent.api.engine.Engine;
import dev.latent.api.engine.Tensor;
import dev.latent.api.model.Parameter;
import dev.latent.api.optim.Optimizer;
import dev.latent.api.optim.OptimizerState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A gradient transformation that accumulates a velocity, heavy-ball momentum (Polyak 1964),
 * optionally with Nesterov's look-ahead (Nesterov 1983, in the form of Sutskever et al. 2013);
 * optax's {@code trace}.
 *
 * <pre>
 * v = mu * v + u
 * u = v                   (heavy ball)
 * u = u + mu * v          (nesterov, with the new v)
 * </pre>
 *
 * Followed by {@link ScaleByLearningRate} this is SGD with momentum as PyTorch and optax
 * compute it: the learning rate scales the velocity rather than entering it, which matters
 * only when the learning rate changes during training.
 *
 * <p>State, named {@code momentum}: one tensor {@code velocity/<parameter>} per parameter,
 * zero at init.
 */
public final class Momentum implements Optimizer {

    /** The name of this transformation's state. */
    public static final String NAME = "momentum";

    /** The state slot holding v. */
    public static final String VELOCITY = "velocity";

    private final Engine engine;
    private final double decay;
    private final boolean nesterov;

    /**
     * @param engine   the engine that owns the parameters' tensors
     * @param decay    mu, the fraction of the velocity kept each step, usually in [0, 1)
     * @param nesterov whether to apply Nesterov's look-ahead
     */
    public Momentum(Engine engine, double decay, boolean nesterov) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.decay = decay;
        this.nesterov = nesterov;
    }

    /** {@return mu, the fraction of the velocity kept each step} */
    public double decay() {
        return decay;
    }

    /** {@return whether Nesterov's look-ahead is applied} */
    public boolean nesterov() {
        return nesterov;
    }

    @Override
    public OptimizerState init(List<Parameter> parameters) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            tensors.put(VELOCITY + "/" + p.name(), engine.zeros(p.value().dtype(), p.value().shape()));
        }
        return new OptimizerState(NAME, tensors, List.of());
    }

    @Override
    public void update(List<Parameter> parameters, OptimizerState state, long step) {
        for (Parameter p : parameters) {
            Tensor u = p.gradient();
            Tensor v = state.tensor(VELOCITY, p.name());
            engine.scale(v, decay, v);           // v = mu * v
            engine.axpy(1.0, u, v);              //     + u
            if (nesterov) {
                engine.axpy(decay, v, u);        // u = u + mu * v
            } else {
                engine.copy(v, u);               // u = v
            }
        }
    }

    @Override
    public String toString() {
        return NAME + "(" + decay + (nesterov ? ", nesterov" : "") + ")";
    }
}
