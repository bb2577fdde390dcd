package dev.latent.optimizers;

import dev.latent.api.config.Checks;
import dev.latent.api.config.Setting;

/**
 * Settings of the {@code adamw} optimizer (Loshchilov and Hutter 2019): Adam's, with the
 * weight decay decoupled from the moments. The defaults are PyTorch's {@code AdamW}.
 *
 * @param learningRate lr, the step size; must be &gt; 0
 * @param beta1        b1, the decay of the first-moment estimate; in [0, 1)
 * @param beta2        b2, the decay of the second-moment estimate; in [0, 1)
 * @param epsilon      eps, added to the denominator sqrt(vhat); must be &gt; 0
 * @param weightDecay  wd, the decoupled decay: the update is {@code -lr(t) * (adam + wd * w)};
 *                     &gt;= 0 (0 is Adam)
 * @param schedule     the learning-rate schedule (default constant); it scales the decay too
 * @param clipNorm     the largest global norm of the gradient, 0 for no clipping; &gt;= 0
 * @param clipValue    the largest magnitude of a gradient element, 0 for no clipping; &gt;= 0
 */
public record AdamWConfig(
        @Setting(value = "step size lr, > 0", defaultValue = "0.001") double learningRate,
        @Setting(value = "decay b1 of the first moment, in [0, 1)", defaultValue = "0.9") double beta1,
        @Setting(value = "decay b2 of the second moment, in [0, 1)", defaultValue = "0.999") double beta2,
        @Setting(value = "eps added to sqrt(vhat) in the denominator, > 0", defaultValue = "1e-8") double epsilon,
        @Setting(value = "decoupled weight decay wd (update -lr * (adam + wd * w)), >= 0", defaultValue = "0.01")
        double weightDecay,
        @Setting(value = "learning-rate schedule", defaultValue = "{}") ScheduleConfig schedule,
        @Setting(value = "clip the gradient's global norm to this, 0 = off", defaultValue = "0") double clipNorm,
        @Setting(value = "clip each gradient element to [-clipValue, clipValue], 0 = off", defaultValue = "0")
        double clipValue) {

    /** Checks every key. */
    public AdamWConfig {
        Checks.of()
                .positive("learningRate", learningRate)
                .inHalfOpenUnit("beta1", beta1)
                .inHalfOpenUnit("beta2", beta2)
                .positive("epsilon", epsilon)
                .nonNegative("weightDecay", weightDecay)
                .that(schedule != null, "schedule", "must be given")
                .nonNegative("clipNorm", clipNorm)
                .nonNegative("clipValue", clipValue)
                .done();
    }

    /** AdamW without clipping or schedule. */
    public AdamWConfig(double learningRate, double beta1, double beta2, double epsilon, double weightDecay) {
        this(learningRate, beta1, beta2, epsilon, weightDecay, ScheduleConfig.constant(), 0, 0);
    }
}
