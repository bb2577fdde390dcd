package dev.latent.optimizers;

import dev.latent.api.config.Checks;
import dev.latent.api.config.Setting;
import java.util.List;

/**
 * The learning-rate schedule of an optimizer, the nested {@code schedule} mapping of its
 * manifest section; {@link Schedules#create} turns it into a {@link Schedule}. For example:
 *
 * <pre>
 * optimizer:
 *   name: adamw
 *   learningRate: 0.001
 *   schedule: {name: cosine, warmupSteps: 500, minLearningRate: 1.0e-5}
 * </pre>
 *
 * Each key other than {@code name} belongs to one schedule; setting it to other than its
 * default for another schedule is an error rather than silently ignored.
 *
 * @param name            one of {@code constant}, {@code inverse-time}, {@code step},
 *                        {@code exponential}, {@code cosine}
 * @param decay           inverse-time: lr / (1 + t * decay); &gt;= 0
 * @param stepSize        step: the updates between drops by gamma; &gt;= 1
 * @param gamma           step: the factor of each drop; in (0, 1]
 * @param decaySteps      exponential: the updates over which the rate is multiplied by rate; &gt;= 1
 * @param rate            exponential: lr * rate^(t / decaySteps); in (0, 1]
 * @param warmupSteps     cosine: the updates of linear warm-up; &gt;= 0 and shorter than the run
 * @param minLearningRate cosine: the rate at the end of the run; in [0, learningRate]
 */
public record ScheduleConfig(
        @Setting(value = "schedule: constant, inverse-time, step, exponential or cosine", defaultValue = "constant")
        String name,
        @Setting(value = "inverse-time: lr / (1 + t * decay), >= 0", defaultValue = "0") double decay,
        @Setting(value = "step: updates between drops by gamma, >= 1", defaultValue = "1000") long stepSize,
        @Setting(value = "step: factor of each drop, in (0, 1]", defaultValue = "0.1") double gamma,
        @Setting(value = "exponential: updates per factor of rate, >= 1", defaultValue = "1000") long decaySteps,
        @Setting(value = "exponential: lr * rate^(t / decaySteps), in (0, 1]", defaultValue = "0.96") double rate,
        @Setting(value = "cosine: updates of linear warm-up from 0 to lr, < the run's updates", defaultValue = "0")
        long warmupSteps,
        @Setting(value = "cosine: the rate at the end of the run, in [0, lr]", defaultValue = "0") double minLearningRate) {

    /** The schedule names, in the order the documentation lists them. */
    public static final List<String> NAMES = List.of("constant", "inverse-time", "step", "exponential", "cosine");

    /**
     * Checks every key, and that each key set is one the chosen schedule uses (checked only when
     * the name is known, so that a misspelt name is reported once).
     */
    public ScheduleConfig {
        boolean known = NAMES.contains(String.valueOf(name));
        Checks.of()
                .oneOf("name", String.valueOf(name), NAMES)
                .nonNegative("decay", decay)
                .atLeast("stepSize", stepSize, 1)
                .that(gamma > 0 && gamma <= 1, "gamma", "must be in (0, 1], found " + Checks.format(gamma))
                .atLeast("decaySteps", decaySteps, 1)
                .that(rate > 0 && rate <= 1, "rate", "must be in (0, 1], found " + Checks.format(rate))
                .atLeast("warmupSteps", warmupSteps, 0)
                .nonNegative("minLearningRate", minLearningRate)
                .that(!known || decay == 0 || "inverse-time".equals(name), "decay", onlyFor("inverse-time", name))
                .that(!known || stepSize == 1000 || "step".equals(name), "stepSize", onlyFor("step", name))
                .that(!known || gamma == 0.1 || "step".equals(name), "gamma", onlyFor("step", name))
                .that(!known || decaySteps == 1000 || "exponential".equals(name), "decaySteps", onlyFor("exponential", name))
                .that(!known || rate == 0.96 || "exponential".equals(name), "rate", onlyFor("exponential", name))
                .that(!known || warmupSteps == 0 || "cosine".equals(name), "warmupSteps", onlyFor("cosine", name))
                .that(!known || minLearningRate == 0 || "cosine".equals(name), "minLearningRate", onlyFor("cosine", name))
                .done();
    }

    /** {@return the default: a constant learning rate} */
    public static ScheduleConfig constant() {
        return new ScheduleConfig("constant", 0, 1000, 0.1, 1000, 0.96, 0, 0);
    }

    /** {@return inverse-time decay lr / (1 + t * decay)} */
    public static ScheduleConfig inverseTime(double decay) {
        return new ScheduleConfig("inverse-time", decay, 1000, 0.1, 1000, 0.96, 0, 0);
    }

    /** {@return step decay lr * gamma^floor(t / stepSize)} */
    public static ScheduleConfig step(long stepSize, double gamma) {
        return new ScheduleConfig("step", 0, stepSize, gamma, 1000, 0.96, 0, 0);
    }

    /** {@return exponential decay lr * rate^(t / decaySteps)} */
    public static ScheduleConfig exponential(long decaySteps, double rate) {
        return new ScheduleConfig("exponential", 0, 1000, 0.1, decaySteps, rate, 0, 0);
    }

    /** {@return linear warm-up then cosine decay to minLearningRate at the end of the run} */
    public static ScheduleConfig cosine(long warmupSteps, double minLearningRate) {
        return new ScheduleConfig("cosine", 0, 1000, 0.1, 1000, 0.96, warmupSteps, minLearningRate);
    }

    private static String onlyFor(String schedule, String name) {
        return "is used only by the " + schedule + " schedule, not by '" + name + "'";
    }
}
