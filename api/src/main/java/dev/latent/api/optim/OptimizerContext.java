package dev.latent.api.optim;

import dev.latent.api.engine.Engine;

/**
 * What an optimizer is built with besides its own configuration.
 *
 * @param engine     the engine that owns the parameters' tensors
 * @param totalSteps the number of updates the run will make (epochs times batches per epoch),
 *                   so that schedules can be checked against the run's length before training
 */
public record OptimizerContext(Engine engine, long totalSteps) {

    public OptimizerContext {
        if (engine == null) {
            throw new IllegalArgumentException("engine must not be null");
        }
        if (totalSteps < 1) {
            throw new IllegalArgumentException("totalSteps must be >= 1, found " + totalSteps);
        }
    }
}
