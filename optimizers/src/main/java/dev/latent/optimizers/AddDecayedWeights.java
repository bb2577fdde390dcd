package dev.latent.optimizers;

import dev.latent.api.engine.Engine;
import dev.latent.api.model.Parameter;
import dev.latent.api.optim.Optimizer;
import dev.latent.api.optim.OptimizerState;
import java.util.List;
import java.util.Objects;

/**
 * A gradient transformation that adds the weights times a decay to the update, optax's
 * {@code add_decayed_weights}:
 *
 * <pre>
 * u = u + wd * value
 * </pre>
 *
 * Where it sits in a chain decides what it means:
 * <ul>
 *   <li>before the scaling (first after clipping), it adds the gradient of the L2 penalty
 *       {@code wd/2 * |w|^2}: {@code u = g + wd * w}, the classical weight decay of SGD
 *       (and PyTorch's {@code weight_decay} for SGD, Adagrad, RMSprop and Adam);</li>
 *   <li>after the scaling and before the learning rate, it is the decoupled weight decay of
 *       AdamW (Loshchilov and Hutter 2019, "Decoupled Weight Decay Regularization"):
 *       {@code u = -lr(t) * (mhat / (sqrt(vhat) + eps) + wd * w)}, so the decay is not
 *       rescaled by Adam's second moment.</li>
 * </ul>
 *
 * <p>Stateless: its state, named {@code add_decayed_weights}, holds no tensors.
 */
public final class AddDecayedWeights implements Optimizer {

    /** The name of this transformation's state. */
    public static final String NAME = "add_decayed_weights";

    private final Engine engine;
    private final double weightDecay;

    /**
     * @param engine      the engine that owns the parameters' tensors
     * @param weightDecay wd, the factor of the weights added to the update, usually &gt;= 0
     */
    public AddDecayedWeights(Engine engine, double weightDecay) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.weightDecay = weightDecay;
    }

    /** {@return wd, the factor of the weights added to the update} */
    public double weightDecay() {
        return weightDecay;
    }

    @Override
    public OptimizerState init(List<Parameter> parameters) {
        return OptimizerState.empty(NAME);
    }

    @Override
    public void update(List<Parameter> parameters, OptimizerState state, long step) {
        for (Parameter p : parameters) {
            engine.axpy(weightDecay, p.value(), p.gradient());   // u = u + wd * value
        }
    }

    @Override
    public String toString() {
        return NAME + "(" + weightDecay + ")";
    }
}
