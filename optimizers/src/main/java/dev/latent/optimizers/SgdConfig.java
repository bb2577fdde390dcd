package dev.latent.optimizers;

import dev.latent.api.config.Checks;
import dev.latent.api.config.Setting;

/**
 * Settings of the {@code sgd} optimizer: stochastic gradient descent, with optional heavy-ball
 * or Nesterov momentum.
 *
 * @param learningRate lr, the step size; must be &gt; 0
 * @param momentum     mu, the fraction of the velocity kept each step; in [0, 1), where 0 is
 *                     plain SGD
 * @param nesterov     whether to use Nesterov's look-ahead; needs a momentum &gt; 0
 */
public record SgdConfig(
        @Setting(value = "step size lr, > 0", defaultValue = "0.01") double learningRate,
        @Setting(value = "momentum mu in [0, 1); 0 is plain SGD", defaultValue = "0") double momentum,
        @Setting(value = "use Nesterov momentum (needs momentum > 0)", defaultValue = "false") boolean nesterov) {

    public SgdConfig {
        Checks.of()
                .positive("learningRate", learningRate)
                .inHalfOpenUnit("momentum", momentum)
                .that(!nesterov || momentum > 0, "nesterov",
                        "needs momentum > 0, found momentum " + Checks.format(momentum))
                .done();
    }
}
