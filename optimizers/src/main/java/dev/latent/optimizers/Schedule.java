package dev.latent.optimizers;

/**
 * A learning-rate schedule: the step size lr(t) that {@link ScaleBySchedule} uses for each
 * update.
 *
 * <p>{@code step} is the 1-based number of the update, as {@link dev.latent.api.optim.Optimizer#update}
 * receives it. The decays ({@link InverseTimeDecay}, {@link StepDecay}, {@link ExponentialDecay})
 * count the updates made before this one, {@code t = step - 1}, so that the first update uses
 * the base learning rate, as Torch's {@code optim.sgd} and PyTorch's schedulers do; a
 * warm-up ({@link WarmupCosineDecay}) counts this one, so that no update has a zero rate.
 *
 * <p>A schedule is a pure function of the step: it holds no state, so an optimizer's
 * {@link dev.latent.api.optim.OptimizerState} still describes it completely. Implementations
 * must be cheap (they run once per update) and thread-safe.
 */
@FunctionalInterface
public interface Schedule {

    /**
     * {@return the learning rate of the update numbered {@code step}}
     *
     * @param step the 1-based number of the update
     */
    double at(long step);
}
