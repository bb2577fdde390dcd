package dev.latent.optimizers;

/**
 * Inverse-time decay, Torch's {@code learningRateDecay} (as in {@code optim.sgd} and
 * {@code optim.adagrad}):
 *
 * <pre>
 * lr(t) = lr / (1 + t * decay),   t = step - 1
 * </pre>
 *
 * so the first update uses lr, and the rate halves after {@code 1 / decay} updates.
 *
 * @param learningRate lr, &gt; 0
 * @param decay        the decay per update, &gt;= 0 (0 is constant)
 */
public record InverseTimeDecay(double learningRate, double decay) implements Schedule {

    /** Checks the arguments. */
    public InverseTimeDecay {
        if (!(learningRate > 0) || !(decay >= 0)) {
            throw new IllegalArgumentException("need learningRate > 0 and decay >= 0, found " + learningRate + ", " + decay);
        }
    }

    @Override
    public double at(long step) {
        return learningRate / (1 + (step - 1) * decay);
    }
}
