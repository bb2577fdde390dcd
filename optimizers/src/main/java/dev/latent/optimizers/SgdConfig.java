package dev.latent.optimizers;

import dev.latent.api.config.Checks;
import dev.latent.api.config.Setting;

/**
 * Settings of the {@code sgd} optimizer: stochastic gradient descent, with optional heavy-ball
 * or Nesterov momentum, L2 weight decay, clipping, a learning-rate schedule and per-parameter
 * rates from a diagonal-Hessian estimate ({@link CurvatureConfig}).
 *
 * @param learningRate lr, the step size; must be &gt; 0
 * @param momentum     mu, the fraction of the velocity kept each step; in [0, 1), where 0 is
 *                     plain SGD
 * @param nesterov     whether to use Nesterov's look-ahead; needs a momentum &gt; 0
 * @param weightDecay  wd of the L2 penalty, added to the gradient as {@code wd * w}; &gt;= 0
 * @param schedule     the learning-rate schedule (default constant)
 * @param clipNorm     the largest global norm of the gradient, 0 for no clipping; &gt;= 0
 * @param clipValue    the largest magnitude of a gradient element, 0 for no clipping; &gt;= 0
 * @param curvature    per-parameter rates lr / clamp(h, min, max) from the diagonal Hessian h,
 *                     re-estimated by the trainer; off by default
 */
public record SgdConfig(
        @Setting(value = "step size lr, > 0", defaultValue = "0.01") double learningRate,
        @Setting(value = "momentum mu in [0, 1); 0 is plain SGD", defaultValue = "0") double momentum,
        @Setting(value = "use Nesterov momentum (needs momentum > 0)", defaultValue = "false") boolean nesterov,
        @Setting(value = "L2 weight decay wd (adds wd * w to the gradient), >= 0", defaultValue = "0") double weightDecay,
        @Setting(value = "learning-rate schedule", defaultValue = "{}") ScheduleConfig schedule,
        @Setting(value = "clip the gradient's global norm to this, 0 = off", defaultValue = "0") double clipNorm,
        @Setting(value = "clip each gradient element to [-clipValue, clipValue], 0 = off", defaultValue = "0")
        double clipValue,
        @Setting(value = "per-parameter rates lr / clamp(h, min, max) from a diagonal-Hessian estimate h every"
                + " `every` samples over `samples` samples; every 0 = off", defaultValue = "{}")
        CurvatureConfig curvature) {

    /** Checks every key. */
    public SgdConfig {
        Checks.of()
                .positive("learningRate", learningRate)
                .inHalfOpenUnit("momentum", momentum)
                .that(!nesterov || momentum > 0, "nesterov",
                        "needs momentum > 0, found momentum " + Checks.format(momentum))
                .nonNegative("weightDecay", weightDecay)
                .that(schedule != null, "schedule", "must be given")
                .nonNegative("clipNorm", clipNorm)
                .nonNegative("clipValue", clipValue)
                .that(curvature != null, "curvature", "must be given")
                .done();
    }

    /** SGD without curvature estimates. */
    public SgdConfig(double learningRate, double momentum, boolean nesterov, double weightDecay, ScheduleConfig schedule,
                     double clipNorm, double clipValue) {
        this(learningRate, momentum, nesterov, weightDecay, schedule, clipNorm, clipValue, CurvatureConfig.OFF);
    }

    /** SGD with momentum, and no decay, clipping or schedule. */
    public SgdConfig(double learningRate, double momentum, boolean nesterov) {
        this(learningRate, momentum, nesterov, 0, ScheduleConfig.constant(), 0, 0);
    }
}
