package dev.latent.launcher.config;

import dev.latent.api.config.Checks;
import dev.latent.api.config.Setting;

/** The manifest's {@code training} section: how long and in what batches to train. */
public record TrainingConfig(
        @Setting(value = "passes over the training split", defaultValue = "5") int epochs,
        @Setting(value = "samples per training step", defaultValue = "128") int batchSize,
        @Setting(value = "samples per evaluation batch", defaultValue = "500") int evalBatchSize,
        @Setting(value = "reshuffle the training split each epoch (seeded)", defaultValue = "true") boolean shuffle,
        @Setting(value = "test images shown with their reconstructions in reconstructions.png", defaultValue = "16")
        int pictures) {

    public TrainingConfig {
        Checks.of()
                .atLeast("epochs", epochs, 1)
                .atLeast("batchSize", batchSize, 1)
                .atLeast("evalBatchSize", evalBatchSize, 1)
                .atLeast("pictures", pictures, 0)
                .done();
    }

    /** The number of optimizer updates a run over {@code trainCount} samples makes. */
    public long totalSteps(int trainCount) {
        return (long) epochs * ((trainCount + batchSize - 1) / batchSize);
    }
}
