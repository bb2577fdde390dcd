package dev.latent.optimizers;

import dev.latent.api.engine.Engine;
import dev.latent.api.model.Parameter;
import dev.latent.api.optim.Optimizer;
import dev.latent.api.optim.OptimizerState;
import java.util.List;
import java.util.Objects;

/**
 * A gradient transformation that scales the update by minus the learning rate,
 * {@code u = -lr * u}, as optax's {@code scale_by_learning_rate}: the last link of a chain that
 * descends, since the trainer adds the update to the value. It is the constant case of
 * {@link ScaleBySchedule} and computes exactly what {@code ScaleBySchedule} with a
 * {@link ConstantSchedule} computes; the named optimizers use it when no schedule is set.
 *
 * <p>Stateless: its state, named {@code scale_by_learning_rate}, holds no tensors.
 */
public final class ScaleByLearningRate implements Optimizer {

    /** The name of this transformation's state. */
    public static final String NAME = "scale_by_learning_rate";

    private final Engine engine;
    private final double learningRate;

    /**
     * @param engine       the engine that owns the parameters' tensors
     * @param learningRate the step size lr; the update is {@code -lr} times the incoming one
     */
    public ScaleByLearningRate(Engine engine, double learningRate) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.learningRate = learningRate;
    }

    /** {@return the learning rate lr} */
    public double learningRate() {
        return learningRate;
    }

    @Override
    public OptimizerState init(List<Parameter> parameters) {
        return OptimizerState.empty(NAME);
    }

    @Override
    public void update(List<Parameter> parameters, OptimizerState state, long step) {
        for (Parameter p : parameters) {
            engine.scale(p.gradient(), -learningRate, p.gradient());
        }
    }

    @Override
    public String toString() {
        return NAME + "(" + learningRate + ")";
    }
}
