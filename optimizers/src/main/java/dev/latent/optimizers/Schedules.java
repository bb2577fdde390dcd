package dev.latent.optimizers;

import dev.latent.api.config.Checks;

/**
 * Builds the {@link Schedule} a {@link ScheduleConfig} names, for a given base learning rate
 * and run length. This is where a schedule is checked against the run: the config record alone
 * cannot know how many updates the run makes.
 */
public final class Schedules {

    private Schedules() {
    }

    /**
     * {@return the schedule for {@code config}}
     *
     * @param config       the schedule's settings, already valid on their own
     * @param learningRate lr, the base (peak) rate, &gt; 0
     * @param totalSteps   the number of updates of the run ({@link dev.latent.api.optim.OptimizerContext#totalSteps})
     * @throws dev.latent.api.config.ConfigException when the settings do not fit the run, with
     *         paths under {@code schedule}: for example
     *         {@code schedule.warmupSteps must be < the run's 620 steps, found 1000}
     */
    public static Schedule create(ScheduleConfig config, double learningRate, long totalSteps) {
        String name = config.name();
        Checks.of()
                .that(!"cosine".equals(name) || config.warmupSteps() < totalSteps, "schedule.warmupSteps",
                        "must be < the run's " + totalSteps + " steps, found " + config.warmupSteps())
                .that(!"cosine".equals(name) || config.minLearningRate() <= learningRate, "schedule.minLearningRate",
                        "must be <= learningRate " + Checks.format(learningRate) + ", found "
                                + Checks.format(config.minLearningRate()))
                .done();
        return switch (name) {
            case "constant" -> new ConstantSchedule(learningRate);
            case "inverse-time" -> new InverseTimeDecay(learningRate, config.decay());
            case "step" -> new StepDecay(learningRate, config.gamma(), config.stepSize());
            case "exponential" -> new ExponentialDecay(learningRate, config.rate(), config.decaySteps());
            case "cosine" -> new WarmupCosineDecay(learningRate, config.warmupSteps(), totalSteps,
                    config.minLearningRate());
            default -> throw new IllegalStateException("ScheduleConfig admitted the unknown schedule '" + name + "'");
        };
    }
}
