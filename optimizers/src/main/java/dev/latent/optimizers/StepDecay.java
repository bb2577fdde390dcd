package dev.latent.optimizers;

/**
 * Step decay, PyTorch's {@code StepLR}: the rate is multiplied by gamma every
 * {@code stepSize} updates.
 *
 * <pre>
 * lr(t) = lr * gamma^floor(t / stepSize),   t = step - 1
 * </pre>
 *
 * so each level lasts exactly stepSize updates, the first at lr.
 *
 * @param learningRate lr, &gt; 0
 * @param gamma        the factor applied at each drop, in (0, 1]
 * @param stepSize     the number of updates between drops, &gt;= 1
 */
public record StepDecay(double learningRate, double gamma, long stepSize) implements Schedule {

    /** Checks the arguments. */
    public StepDecay {
        if (!(learningRate > 0) || !(gamma > 0 && gamma <= 1) || stepSize < 1) {
            throw new IllegalArgumentException("need learningRate > 0, gamma in (0, 1] and stepSize >= 1, found "
                    + learningRate + ", " + gamma + ", " + stepSize);
        }
    }

    @Override
    public double at(long step) {
        return learningRate * Math.pow(gamma, Math.floorDiv(step - 1, stepSize));
    }
}
