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
 */
public record AdamConfig(
        @Setting(value = "step size lr, > 0", defaultValue = "0.001") double learningRate,
        @Setting(value = "decay b1 of the first moment, in [0, 1)", defaultValue = "0.9") double beta1,
        @Setting(value = "decay b2 of the second moment, in [0, 1)", defaultValue = "0.999") double beta2,
        @Setting(value = "eps added to sqrt(vhat) in the denominator, > 0", defaultValue = "1e-8") double epsilon) {

    public AdamConfig {
        Checks.of()
                .positive("learningRate", learningRate)
                .inHalfOpenUnit("beta1", beta1)
                .inHalfOpenUnit("beta2", beta2)
                .positive("epsilon", epsilon)
                .done();
    }
}
