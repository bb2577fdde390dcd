package dev.latent.launcher.config;

import dev.latent.api.config.Checks;
import dev.latent.api.config.Setting;

/**
 * The manifest's {@code training} section: how long and in what batches to train, the
 * validation split and early stopping.
 *
 * <p>The validation split is taken from the training split (never from the test split, which
 * is never used to choose anything): {@code round(validationFraction * n)} of its n samples,
 * drawn with the manifest's seed; the rest is what training runs on.
 */
public record TrainingConfig(
        @Setting(value = "passes over the training split", defaultValue = "5") int epochs,
        @Setting(value = "samples per training step", defaultValue = "128") int batchSize,
        @Setting(value = "samples per evaluation batch", defaultValue = "500") int evalBatchSize,
        @Setting(value = "reshuffle the training split each epoch (seeded)", defaultValue = "true") boolean shuffle,
        @Setting(value = "test images shown with their reconstructions in reconstructions.png", defaultValue = "16")
        int pictures,
        @Setting(value = "the share of the training split set aside (seeded) for validation, in [0, 1); 0 = none",
                defaultValue = "0")
        double validationFraction,
        @Setting(value = "stop when the monitored loss stops improving", defaultValue = "{}")
        EarlyStoppingConfig earlyStopping) {

    public TrainingConfig {
        if (earlyStopping == null) {
            throw new IllegalArgumentException("earlyStopping must not be null; use EarlyStoppingConfig.OFF");
        }
        boolean needsValidation = earlyStopping.enabled()
                && earlyStopping.monitor().equals(EarlyStoppingConfig.VALIDATION_LOSS);
        Checks.of()
                .atLeast("epochs", epochs, 1)
                .atLeast("batchSize", batchSize, 1)
                .atLeast("evalBatchSize", evalBatchSize, 1)
                .atLeast("pictures", pictures, 0)
                .inHalfOpenUnit("validationFraction", validationFraction)
                // a negative fraction is reported by the range check above, not twice
                .that(!needsValidation || validationFraction != 0, "earlyStopping.monitor",
                        "is 'validation_loss', but there is no validation split: set validationFraction > 0,"
                                + " or monitor train_loss")
                .done();
    }

    /** The same section with another number of epochs (the command line's {@code --epochs}). */
    public TrainingConfig withEpochs(int epochs) {
        return new TrainingConfig(epochs, batchSize, evalBatchSize, shuffle, pictures, validationFraction, earlyStopping);
    }

    /**
     * The number of optimizer updates a run over {@code trainCount} samples makes; pass the
     * number trained on, after the validation split is set aside. Early stopping may end a run
     * sooner.
     */
    public long totalSteps(int trainCount) {
        return (long) epochs * ((trainCount + batchSize - 1) / batchSize);
    }
}
