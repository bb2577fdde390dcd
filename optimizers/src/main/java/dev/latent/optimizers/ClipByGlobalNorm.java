package dev.latent.optimizers;

import dev.latent.api.engine.Engine;
import dev.latent.api.model.Parameter;
import dev.latent.api.optim.Optimizer;
import dev.latent.api.optim.OptimizerState;
import java.util.List;
import java.util.Objects;

/**
 * A gradient transformation that rescales the update of all parameters together when its
 * Euclidean norm exceeds a threshold (Pascanu et al. 2013, "On the difficulty of training
 * recurrent neural networks"), optax's {@code clip_by_global_norm}:
 *
 * <pre>
 * n = sqrt(sum over parameters p of |u_p|^2)
 * u = u * maxNorm / n     if n &gt; maxNorm, otherwise unchanged
 * </pre>
 *
 * The direction of the update over all parameters is kept; only its length is bounded.
 *
 * <p>Stateless: its state, named {@code clip_by_global_norm}, holds no tensors. The norm is one
 * host reduction per parameter.
 */
public final class ClipByGlobalNorm implements Optimizer {

    /** The name of this transformation's state. */
    public static final String NAME = "clip_by_global_norm";

    private final Engine engine;
    private final double maxNorm;

    /**
     * @param engine  the engine that owns the parameters' tensors
     * @param maxNorm the largest global norm an update keeps, &gt; 0
     */
    public ClipByGlobalNorm(Engine engine, double maxNorm) {
        this.engine = Objects.requireNonNull(engine, "engine");
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("maxNorm must be > 0, found " + maxNorm);
        }
        this.maxNorm = maxNorm;
    }

    /** {@return the largest global norm an update keeps} */
    public double maxNorm() {
        return maxNorm;
    }

    @Override
    public OptimizerState init(List<Parameter> parameters) {
        return OptimizerState.empty(NAME);
    }

    @Override
    public void update(List<Parameter> parameters, OptimizerState state, long step) {
        double squaredNorm = 0;
        for (Parameter p : parameters) {
            squaredNorm += engine.dot(p.gradient(), p.gradient());
        }
        double norm = Math.sqrt(squaredNorm);
        if (norm > maxNorm) {
            double factor = maxNorm / norm;
            for (Parameter p : parameters) {
                engine.scale(p.gradient(), factor, p.gradient());
            }
        }
    }

    @Override
    public String toString() {
        return NAME + "(" + maxNorm + ")";
    }
}
