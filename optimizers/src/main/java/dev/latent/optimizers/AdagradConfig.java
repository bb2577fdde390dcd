package dev.latent.optimizers;

import dev.latent.api.config.Checks;
import dev.latent.api.config.Setting;

/**
 * Settings of the {@code adagrad} optimizer (Duchi, Hazan and Singer 2011). The defaults are
 * PyTorch's; Torch's {@code learningRateDecay} is the {@code inverse-time} schedule.
 *
 * @param learningRate       lr, the step size; must be &gt; 0
 * @param epsilon            eps, added to sqrt(G); must be &gt; 0
 * @param initialAccumulator the value the sum of squares G starts at; &gt;= 0
 * @param weightDecay        wd of the L2 penalty, added to the gradient as {@code wd * w}; &gt;= 0
 * @param schedule           the learning-rate schedule (default constant)
 * @param clipNorm           the largest global norm of the gradient, 0 for no clipping; &gt;= 0
 * @param clipValue          the largest magnitude of a gradient element, 0 for no clipping; &gt;= 0
 */
public record AdagradConfig(
        @Setting(value = "step size lr, > 0", defaultValue = "0.01") double learningRate,
        @Setting(value = "eps added to sqrt(G) in the denominator, > 0", defaultValue = "1e-10") double epsilon,
        @Setting(value = "starting value of the sum of squared gradients G, >= 0", defaultValue = "0")
        double initialAccumulator,
        @Setting(value = "L2 weight decay wd (adds wd * w to the gradient), >= 0", defaultValue = "0") double weightDecay,
        @Setting(value = "learning-rate schedule", defaultValue = "{}") ScheduleConfig schedule,
        @Setting(value = "clip the gradient's global norm to this, 0 = off", defaultValue = "0") double clipNorm,
        @Setting(value = "clip each gradient element to [-clipValue, clipValue], 0 = off", defaultValue = "0")
        double clipValue) {

    /** Checks every key. */
    public AdagradConfig {
        Checks.of()
                .positive("learningRate", learningRate)
                .positive("epsilon", epsilon)
                .nonNegative("initialAccumulator", initialAccumulator)
                .nonNegative("weightDecay", weightDecay)
                .that(schedule != null, "schedule", "must be given")
                .nonNegative("clipNorm", clipNorm)
                .nonNegative("clipValue", clipValue)
                .done();
    }

    /** Adagrad without decay, clipping or schedule. */
    public AdagradConfig(double learningRate, double epsilon, double initialAccumulator) {
        this(learningRate, epsilon, initialAccumulator, 0, ScheduleConfig.constant(), 0, 0);
    }
}
