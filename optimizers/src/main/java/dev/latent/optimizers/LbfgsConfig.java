package dev.latent.optimizers;

import dev.latent.api.config.Checks;
import dev.latent.api.config.Setting;

/**
 * Settings of the {@code lbfgs} optimizer (Liu and Nocedal 1989). The defaults are PyTorch's
 * {@code LBFGS} (history 10, lr 1, 20 evaluations, gradient tolerance 1e-7).
 *
 * @param learningRate   the first trial step along the quasi-Newton direction; 1 is the full
 *                       step; &gt; 0
 * @param history        m, the number of (s, y) pairs kept; &gt;= 1
 * @param maxEvaluations the most loss evaluations of one line search; &gt;= 1
 * @param tolerance      the gradient norm at or below which no step is taken; &gt;= 0
 */
public record LbfgsConfig(
        @Setting(value = "first trial step of the line search, > 0 (1 = the quasi-Newton step)", defaultValue = "1")
        double learningRate,
        @Setting(value = "number m of (s, y) pairs kept, >= 1", defaultValue = "10") int history,
        @Setting(value = "most loss evaluations per line search, >= 1", defaultValue = "20") int maxEvaluations,
        @Setting(value = "gradient norm at or below which no step is taken, >= 0", defaultValue = "1e-7")
        double tolerance) {

    /** Checks every key. */
    public LbfgsConfig {
        Checks.of()
                .positive("learningRate", learningRate)
                .atLeast("history", history, 1)
                .atLeast("maxEvaluations", maxEvaluations, 1)
                .nonNegative("tolerance", tolerance)
                .done();
    }
}
