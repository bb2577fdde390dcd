package dev.latent.optimizers;

/**
 * A linear warm-up followed by cosine decay (Loshchilov and Hutter 2017, "SGDR: Stochastic
 * Gradient Descent with Warm Restarts", without restarts; the warm-up of Goyal et al. 2017,
 * "Accurate, Large Minibatch SGD"), optax's {@code warmup_cosine_decay_schedule}. For the
 * 1-based step s, the warm-up length W and the run's length T:
 *
 * <pre>
 * lr(s) = lr * s / W                                          for s &lt;= W
 * lr(s) = min + (lr - min) * (1 + cos(pi * p)) / 2,  p = (s - W) / (T - W)   for W &lt; s &lt;= T
 * lr(s) = min                                                 for s &gt; T
 * </pre>
 *
 * The warm-up counts the current update, so the first has lr / W rather than 0 and the W-th
 * reaches lr; the last update of the run, s = T, uses min.
 *
 * @param learningRate    lr, the peak rate, &gt; 0
 * @param warmupSteps     W, the number of warm-up updates, in [0, T)
 * @param totalSteps      T, the number of updates in the run
 * @param minLearningRate min, the rate at the end, in [0, lr]
 */
public record WarmupCosineDecay(double learningRate, long warmupSteps, long totalSteps, double minLearningRate)
        implements Schedule {

    /** Checks the arguments. */
    public WarmupCosineDecay {
        if (!(learningRate > 0) || warmupSteps < 0 || warmupSteps >= totalSteps
                || !(minLearningRate >= 0 && minLearningRate <= learningRate)) {
            throw new IllegalArgumentException("need learningRate > 0, 0 <= warmupSteps < totalSteps and minLearningRate"
                    + " in [0, learningRate], found " + learningRate + ", " + warmupSteps + ", " + totalSteps + ", "
                    + minLearningRate);
        }
    }

    @Override
    public double at(long step) {
        if (step <= warmupSteps) {
            return learningRate * step / warmupSteps;
        }
        if (step >= totalSteps) {
            return minLearningRate;
        }
        double progress = (double) (step - warmupSteps) / (totalSteps - warmupSteps);
        return minLearningRate + (learningRate - minLearningRate) * (1 + Math.cos(Math.PI * progress)) / 2;
    }
}
