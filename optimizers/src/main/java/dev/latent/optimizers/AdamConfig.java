package dev.latent.optimizers;

import dev.latent.api.config.Checks;
import dev.latent.api.config.Setting;

/**
 * Settings of the {@code adam} optimizer (Kingma and Ba 2015); the defaults are the paper's.
 *
 * @param learningRate lr, the step size; must be &gt; 0
 * @param beta1        b1, the decay of the first-moment estimate; in [0, 1)
 * @param beta2        b2, the decay of the second-moment estimate; in [0, 1)
 * @param epsilon      eps, added to the denominator sqrt(vhat); must be &gt; 0
 * @param weightDecay  wd of the L2 penalty, added to the gradient as {@code wd * w} before the
 *                     moments (PyTorch's Adam {@code weight_decay}; for decoupled decay use
 *                     {@code adamw}); &gt;= 0
 * @param schedule     the learning-rate schedule (default constant)
 * @param clipNorm     the largest global norm of the gradient, 0 for no clipping; &gt;= 0
 * @param clipValue    the largest magnitude of a gradient element, 0 for no clipping; &gt;= 0
 */
public record AdamConfig(
        @Setting(value = "step size lr, > 0", defaultValue = "0.001") double learningRate,
        @Setting(value = "decay b1 of the first moment, in [0, 1)", defaultValue = "0.9") double beta1,
        @Setting(value = "decay b2 of the second moment, in [0, 1)", defaultValue = "0.999") double beta2,
        @Setting(value = "eps added to sqrt(vhat) in the denominator, > 0", defaultValue = "1e-8") double epsilon,
        @Setting(value = "L2 weight decay wd (adds wd * w to the gradient), >= 0", defaultValue = "0") double weightDecay,
        @Setting(value = "learning-rate schedule", defaultValue = "{}") ScheduleConfig schedule,
        @Setting(value = "clip the gradient's global norm to this, 0 = off", defaultValue = "0") double clipNorm,
        @Setting(value = "clip each gradient element to [-clipValue, clipValue], 0 = off", defaultValue = "0")
        double clipValue) {

    /** Checks every key. */
    public AdamConfig {
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

    /** Adam without decay, clipping or schedule. */
    public AdamConfig(double learningRate, double beta1, double beta2, double epsilon) {
        this(learningRate, beta1, beta2, epsilon, 0, ScheduleConfig.constant(), 0, 0);
    }
}
