package dev.latent.optimizers;

/**
 * Smooth exponential decay, optax's {@code exponential_decay} without a staircase (and
 * TensorFlow's {@code ExponentialDecay}): the rate is multiplied by {@code rate} every
 * {@code decaySteps} updates, continuously in between.
 *
 * <pre>
 * lr(t) = lr * rate^(t / decaySteps),   t = step - 1
 * </pre>
 *
 * @param learningRate lr, &gt; 0
 * @param rate         the factor per decaySteps updates, in (0, 1]
 * @param decaySteps   the number of updates over which the rate is multiplied by rate, &gt;= 1
 */
public record ExponentialDecay(double learningRate, double rate, long decaySteps) implements Schedule {

    /** Checks the arguments. */
    public ExponentialDecay {
        if (!(learningRate > 0) || !(rate > 0 && rate <= 1) || decaySteps < 1) {
            throw new IllegalArgumentException("need learningRate > 0, rate in (0, 1] and decaySteps >= 1, found "
                    + learningRate + ", " + rate + ", " + decaySteps);
        }
    }

    @Override
    public double at(long step) {
        return learningRate * Math.pow(rate, (double) (step - 1) / decaySteps);
    }
}
