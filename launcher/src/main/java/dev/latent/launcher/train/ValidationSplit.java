package dev.latent.launcher.train;

import dev.latent.api.config.Checks;
import dev.latent.api.config.ConfigException;
import dev.latent.api.data.DataSplit;
import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A dataset's training split divided into the samples trained on and a validation split, so
 * that choices made during training (early stopping) never look at the test split.
 *
 * <p>The division is a seeded permutation of the training indices (Fisher-Yates): its first
 * {@code k = round(fraction * n)} indices go to validation, the rest train. Each side keeps the
 * dataset's order, and each sample keeps its label. The same seed gives the same division on
 * every machine. Both sides are copies made once; with a fraction of 0 the training split is
 * used as it is and there is no validation split.
 */
public final class ValidationSplit {

    /**
     * Mixed into the manifest seed so that the division and the epoch shuffles, which start
     * from the seed too, are independent streams.
     */
    private static final long SALT = 0x9E3779B97F4A7C15L;

    private final DataSplit train;
    private final DataSplit validation;

    private ValidationSplit(DataSplit train, DataSplit validation) {
        this.train = train;
        this.validation = validation;
    }

    /**
     * Sets {@code round(fraction * split.count())} samples of {@code split} aside for validation.
     *
     * @param fraction in [0, 1)
     * @throws ConfigException (at {@code validationFraction}) when a fraction above 0 would leave
     *                         one side empty
     */
    public static ValidationSplit of(DataSplit split, double fraction, long seed) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("fraction must be in [0, 1), found " + fraction);
        }
        int n = split.count();
        int k = (int) Math.round(fraction * n);
        if (fraction == 0) {
            return new ValidationSplit(split, null);
        }
        if (k == 0 || k == n) {
            throw new ConfigException("validationFraction", "is " + Checks.format(fraction) + ", which sets aside " + k + " of the "
                    + n + " training samples; at least one must go to validation and one to training");
        }
        int[] order = SeededPermutation.of(n, new SplittableRandom(seed ^ SALT));
        int[] validation = Arrays.copyOfRange(order, 0, k);
        int[] train = Arrays.copyOfRange(order, k, n);
        Arrays.sort(validation);
        Arrays.sort(train);
        return new ValidationSplit(subset(split, train), subset(split, validation));
    }

    /** The samples trained on. */
    public DataSplit train() {
        return train;
    }

    /** The samples set aside for validation, if any. */
    public Optional<DataSplit> validation() {
        return Optional.ofNullable(validation);
    }

    private static DataSplit subset(DataSplit split, int[] indices) {
        float[] values = new float[indices.length * split.sampleSize()];
        split.copySamples(indices, 0, indices.length, values);
        int[] labels = new int[split.hasLabels() ? indices.length : 0];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = split.label(indices[i]);
        }
        return new DataSplit(split.sampleShape(), values, labels);
    }
}
