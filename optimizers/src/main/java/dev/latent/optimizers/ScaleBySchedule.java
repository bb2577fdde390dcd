package dev.latent.optimizers;

import dev.latent.api.engine.Engine;
import dev.latent.api.model.Parameter;
import dev.latent.api.optim.Optimizer;
import dev.latent.api.optim.OptimizerState;
import java.util.List;
import java.util.Objects;

/**
 * A gradient transformation that scales the update by minus the scheduled learning rate,
 * optax's {@code scale_by_schedule} with the sign of {@code scale_by_learning_rate}:
 *
 * <pre>
 * u = -lr(t) * u
 * </pre>
 *
 * for the 1-based step t. It is the last link of a chain that descends with a schedule; with a
 * {@link ConstantSchedule} it computes exactly what {@link ScaleByLearningRate} computes, which
 * the named optimizers use in that case.
 *
 * <p>Stateless: the schedule is a pure function of the step, so the state, named
 * {@code scale_by_schedule}, holds no tensors.
 */
public final class ScaleBySchedule implements Optimizer {

    /** The name of this transformation's state. */
    public static final String NAME = "scale_by_schedule";

    private final Engine engine;
    private final Schedule schedule;

    /**
     * @param engine   the engine that owns the parameters' tensors
     * @param schedule lr(t); the update is {@code -lr(t)} times the incoming one
     */
    public ScaleBySchedule(Engine engine, Schedule schedule) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
    }

    /** {@return the schedule lr(t)} */
    public Schedule schedule() {
        return schedule;
    }

    @Override
    public OptimizerState init(List<Parameter> parameters) {
        return OptimizerState.empty(NAME);
    }

    @Override
    public void update(List<Parameter> parameters, OptimizerState state, long step) {
        double learningRate = schedule.at(step);
        for (Parameter p : parameters) {
            engine.scale(p.gradient(), -learningRate, p.gradient());
        }
    }

    @Override
    public String toString() {
        return NAME + "(" + schedule + ")";
    }
}
