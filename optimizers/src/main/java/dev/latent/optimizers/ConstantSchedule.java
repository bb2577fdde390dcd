package dev.latent.optimizers;

/**
 * The schedule {@code lr(t) = lr}: the same step size for every update. {@link ScaleBySchedule}
 * with it computes exactly what {@link ScaleByLearningRate} computes.
 *
 * @param learningRate lr, &gt; 0
 */
public record ConstantSchedule(double learningRate) implements Schedule {

    /** Checks the rate. */
    public ConstantSchedule {
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learningRate must be > 0, found " + learningRate);
        }
    }

    @Override
    public double at(long step) {
        return learningRate;
    }
}
