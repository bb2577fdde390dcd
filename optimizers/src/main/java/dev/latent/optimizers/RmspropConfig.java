package dev.latent.optimizers;

import dev.latent.api.config.Checks;
import dev.latent.api.config.Setting;

/**
 * Settings of the {@code rmsprop} optimizer (Tieleman and Hinton 2012). The defaults are the
 * lecture's rho = 0.9 with Keras's learning rate 0.001 and PyTorch's eps.
 *
 * @param learningRate lr, the step size; must be &gt; 0
 * @param rho          the decay of the running mean of squared gradients; in [0, 1)
 * @param epsilon      eps, added to sqrt(v); must be &gt; 0
 * @param momentum     mu, heavy-ball momentum on the rescaled gradient, 0 for none; in [0, 1)
 * @param weightDecay  wd of the L2 penalty, added to the gradient as {@code wd * w}; &gt;= 0
 * @param schedule     the learning-rate schedule (default constant)
 * @param clipNorm     the largest global norm of the gradient, 0 for no clipping; &gt;= 0
 * @param clipValue    the largest magnitude of a gradient element, 0 for no clipping; &gt;= 0
 */
public record RmspropConfig(
        @Setting(value = "step size lr, > 0", defaultValue = "0.001") double learningRate,
        @Setting(value = "decay rho of the mean of squared gradients, in [0, 1)", defaultValue = "0.9") double rho,
        @Setting(value = "eps added to sqrt(v) in the denominator, > 0", defaultValue = "1e-8") double epsilon,
        @Setting(value = "momentum mu on the rescaled gradient, in [0, 1); 0 is none", defaultValue = "0")
        double momentum,
        @Setting(value = "L2 weight decay wd (adds wd * w to the gradient), >= 0", defaultValue = "0") double weightDecay,
        @Setting(value = "learning-rate schedule", defaultValue = "{}") ScheduleConfig schedule,
        @Setting(value = "clip the gradient's global norm to this, 0 = off", defaultValue = "0") double clipNorm,
        @Setting(value = "clip each gradient element to [-clipValue, clipValue], 0 = off", defaultValue = "0")
        double clipValue) {

    /** Checks every key. */
    public RmspropConfig {
        Checks.of()
                .positive("learningRate", learningRate)
                .inHalfOpenUnit("rho", rho)
                .positive("epsilon", epsilon)
                .inHalfOpenUnit("momentum", momentum)
                .nonNegative("weightDecay", weightDecay)
                .that(schedule != null, "schedule", "must be given")
                .nonNegative("clipNorm", clipNorm)
                .nonNegative("clipValue", clipValue)
                .done();
    }

    /** RMSprop without decay, clipping or schedule. */
    public RmspropConfig(double learningRate, double rho, double epsilon, double momentum) {
        this(learningRate, rho, epsilon, momentum, 0, ScheduleConfig.constant(), 0, 0);
    }
}
